package luqiao.map.web;

import java.io.IOException;

/** A request body that passed the configured bound while it was being read: answered 413. */
public final class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long max) {
        super("the request body is larger than the " + max + " bytes the server accepts");
    }
}
