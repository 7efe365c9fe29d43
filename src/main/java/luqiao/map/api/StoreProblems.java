package luqiao.map.api;

import luqiao.map.store.FeatureExistsException;
import luqiao.map.store.StaleVersionException;
import luqiao.map.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The store's write conflicts as problems, in the shape of {@link ProblemResponses}. Kept out of
 * {@code web} so that the web layer does not depend on the store; ordered first so that these
 * handlers win over the web layer's catch-all.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreProblems {

    /** A write based on an old version: 412, with the current ETag so the client knows what to reload. */
    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<Object> stale(StaleVersionException e) {
        ProblemDetail problem = (ProblemDetail) ProblemResponses.problem(
                        HttpStatus.PRECONDITION_FAILED, "Changed by someone else", e.getMessage(), null)
                .getBody();
        problem.setProperty("current_version", e.current());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
                .eTag("\"" + e.current() + "\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(FeatureExistsException.class)
    ResponseEntity<Object> exists(FeatureExistsException e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "Id taken", e.getMessage(), "id");
    }
}
