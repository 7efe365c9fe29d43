package luqiao.map.web;

import java.io.IOException;

/**
 * A request body over the configured bound: answered 413. The one source of that answer's title and
 * detail, whether the body was declared too long (security's body-size filter) or passed the bound
 * while it was being read ({@link JsonBodies}, or the filter's bounded stream).
 */
public final class BodyTooLargeException extends IOException {

    public static final String TITLE = "Content too large";

    public BodyTooLargeException(long max) {
        super("the request body is larger than the " + max + " bytes the server accepts");
    }

    /** A body whose declared length ({@code Content-Length}) is already over the bound. */
    public BodyTooLargeException(long declared, long max) {
        super("the request body has " + declared + " bytes; the server accepts at most " + max);
    }
}
