package luqiao.map.web;

import java.util.UUID;
import luqiao.map.cql2.Cql2Exception;
import luqiao.map.geometry.GeometryArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
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
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameter(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage(), e.parameter());
    }

    /** A box, position or CRS that cannot be used: the same 400 as any other invalid parameter. */
    @ExceptionHandler(GeometryArgumentException.class)
    ResponseEntity<Object> invalidGeometry(GeometryArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage(), e.parameter());
    }

    /**
     * A media type that does not parse (an {@code Accept} or {@code Content-Type} header, a format
     * parameter): the client's error, 400, never the 500 it used to fall through to.
     */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<Object> invalidMediaType(InvalidMediaTypeException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid media type",
                "'" + e.getMediaType() + "' is not a media type: " + e.getMessage(),
                null);
    }

    /**
     * The firewall's lazy checks (a parameter name it does not allow, found when a controller reads the
     * parameters): the same 400 as the firewall's own refusals before security.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return problem(
                HttpStatus.BAD_REQUEST, "Bad request", "the request path, parameters or headers are not allowed", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid parameter",
                e.getName() + " must be " + describe(e.getRequiredType()),
                e.getName());
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
        ResponseEntity<Object> response =
                problem(HttpStatus.BAD_REQUEST, "Invalid filter", "filter: " + e.getMessage(), "filter");
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
            // One line naming the database's error (its message carries the SQL state and code) and the root cause.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn(
                    "503 Query timeout: {}: {}; root cause: {}",
                    cause.getClass().getName(),
                    String.valueOf(cause.getMessage()).replaceAll("\\s+", " "),
                    String.valueOf(e.getMostSpecificCause()).replaceAll("\\s+", " "));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(
                                    HttpStatus.SERVICE_UNAVAILABLE,
                                    "Query timeout",
                                    "the query took longer than the server allows and was cancelled; narrow it (bbox, filter, limit) or retry",
                                    null)
                            .getBody());
        }
        return unexpected(e);
    }

    /**
     * A statement cancelled by its timeout, however deep: Spring translates the driver's
     * cancellation (SQLTimeoutException, SQLSTATE 57014) into a {@link QueryTimeoutException}.
     */
    private static boolean isCancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueryTimeoutException) {
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

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String id = UUID.randomUUID().toString();
        log.error("Unexpected failure {}", id, e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The server could not answer this request; the failure is logged as " + id,
                null);
    }

    /** A body cut off at the bound ({@code luqiao.security.max-body-size}) while it was read: 413. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, BodyTooLargeException.TITLE, t.getMessage(), null);
            }
        }
        return problem(
                HttpStatus.BAD_REQUEST, "Unreadable body", "the request body is not valid for this resource", null);
    }

    /**
     * A multipart body that cannot be parsed (no boundary, cut off, malformed parts): the client's error. A body
     * over the multipart bound is the base class's 413 ({@code MaxUploadSizeExceededException}).
     */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(org.springframework.web.multipart.MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "the multipart/form-data body cannot be read", null);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(BodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, BodyTooLargeException.TITLE, e.getMessage(), null);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Missing parameter",
                "the parameter " + e.getParameterName() + " is required",
                e.getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> entity = super.handleExceptionInternal(e, body, headers, status, request);
        return entity == null
                ? null
                : ResponseEntity.status(entity.getStatusCode())
                        .headers(entity.getHeaders())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(entity.getBody());
    }

    /** The one shape of a problem answer; {@code parameter} (the parameter at fault) may be null. */
    public static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, String parameter) {
        if (status.is4xxClientError()) {
            // The client's error: one line at DEBUG, never a stack trace (5xx are logged where they are caught).
            log.debug("{} {}: {}", status.value(), title, detail);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (parameter != null) {
            problem.setProperty("parameter", parameter);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
