package luqiao.map.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC (a filter, the
 * container refusing a request) leave as the same RFC 9457 problems as {@link ProblemResponses} makes,
 * never a stack trace or an exception's message. Asked for directly, {@code /error} is no resource: 404.
 * Replaces Spring Boot's {@code BasicErrorController}, which answers a direct request with a 500.
 */
@RestController
public class ErrorProblems implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorProblems.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            return ProblemResponses.problem(
                    HttpStatus.NOT_FOUND, "Not found", "there is no resource at this path", null);
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus answer =
                known == null ? (status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST) : known;
        if (answer.is5xxServerError()) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            if (failure instanceof Throwable t) {
                log.error(
                        "Failure answered {} for {}",
                        status,
                        request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                        t);
            }
            return ProblemResponses.problem(
                    answer, answer.getReasonPhrase(), "The server could not answer this request", null);
        }
        log.debug("{} for {}", status, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        return ProblemResponses.problem(
                answer, answer.getReasonPhrase(), "the request cannot be answered: " + answer.getReasonPhrase(), null);
    }
}
