package luqiao.map.web;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.UUID;

import luqiao.map.cql2.Cql2Exception;
import luqiao.map.store.FeatureExistsException;
import luqiao.map.store.StaleVersionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the server as an RFC 9457 problem ({@code application/problem+json}),
 * made here and nowhere else. Problems name the parameter at fault; none carries a stack
 * trace or SQL: unexpected failures are logged with an id that the client is given instead.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameter(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage(), e.parameter());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                e.getName() + " must be " + describe(e.getRequiredType()), e.getName());
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        return "a valid value";
    }

    @ExceptionHandler(Cql2Exception.class)
    ResponseEntity<Object> invalidFilter(Cql2Exception e) {
        ResponseEntity<Object> response = problem(HttpStatus.BAD_REQUEST, "Invalid filter", "filter: " + e.getMessage(), "filter");
        ProblemDetail problem = (ProblemDetail) response.getBody();
        if (e.position() != Cql2Exception.NO_POSITION) {
            problem.setProperty("position", e.position());
        }
        if (e.property() != null) {
            problem.setProperty("property", e.property());
        }
        return response;
    }

    /** A query cancelled by the statement timeout: the server is busy, not the request wrong. */
    @ExceptionHandler({QueryTimeoutException.class, DataAccessException.class})
    ResponseEntity<Object> dataAccess(DataAccessException e) {
        if (e instanceof QueryTimeoutException || isCancelled(e)) {
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e.getMostSpecificCause();
            log.warn("503 Query timeout: {} (SQLState {}, error {}): {}; root cause: {}", cause.getClass().getName(),
                    cause instanceof SQLException sql ? sql.getSQLState() : "-", cause instanceof SQLException sql ? sql.getErrorCode() : "-",
                    String.valueOf(cause.getMessage()).replaceAll("\\s+", " "), String.valueOf(e.getMostSpecificCause()).replaceAll("\\s+", " "));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Query timeout",
                            "the query took longer than the server allows and was cancelled; narrow it (bbox, filter, limit) or retry", null)
                            .getBody());
        }
        return unexpected(e);
    }

    private static boolean isCancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTimeoutException || t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e) {
        ResponseEntity<Object> response = problem(e.status(), e.title(), e.getMessage(), null);
        e.members().forEach(((ProblemDetail) response.getBody())::setProperty);
        return response;
    }

    /** A write based on an old version: 412, with the current ETag so the client knows what to reload. */
    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<Object> stale(StaleVersionException e) {
        ProblemDetail problem = (ProblemDetail) problem(HttpStatus.PRECONDITION_FAILED, "Changed by someone else",
                e.getMessage(), null).getBody();
        problem.setProperty("current_version", e.current());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag("\"" + e.current() + "\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(FeatureExistsException.class)
    ResponseEntity<Object> exists(FeatureExistsException e) {
        return problem(HttpStatus.CONFLICT, "Id taken", e.getMessage(), "id");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String id = UUID.randomUUID().toString();
        log.error("Unexpected failure {}", id, e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The server could not answer this request; the failure is logged as " + id, null);
    }

    /** A body cut off at the bound ({@code luqiao.security.max-body-size}) while it was read: 413. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(org.springframework.http.converter.HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", t.getMessage(), null);
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "the request body is not valid for this resource", null);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(BodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", e.getMessage(), null);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Missing parameter",
                "the parameter " + e.getParameterName() + " is required", e.getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> entity = super.handleExceptionInternal(e, body, headers, status, request);
        return entity == null ? null : ResponseEntity.status(entity.getStatusCode()).headers(entity.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(entity.getBody());
    }

    static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, String parameter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (parameter != null) {
            problem.setProperty("parameter", parameter);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
