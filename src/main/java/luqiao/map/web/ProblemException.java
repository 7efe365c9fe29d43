package luqiao.map.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be carried out, answered as a problem with this status, title and detail,
 * plus members that say precisely what is at fault (a field, a location, a link to use instead).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> members = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /** Adds a problem member (RFC 9457 extension), e.g. {@code field} or {@code location}. */
    public ProblemException with(String name, Object value) {
        members.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> members() {
        return members;
    }
}
