package luqiao.map.chain;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A transition that cannot be made, with the status to answer and the moves that are allowed instead. */
class TransitionRefused extends RuntimeException {

    private final HttpStatus status;
    private final List<String> allowed;

    TransitionRefused(HttpStatus status, String detail, List<String> allowed) {
        super(detail);
        this.status = status;
        this.allowed = allowed;
    }

    HttpStatus status() {
        return status;
    }

    List<String> allowed() {
        return allowed;
    }
}
