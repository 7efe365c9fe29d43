package luqiao.map.editing;

import java.util.OptionalLong;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The version a write expects to change, from its {@code If-Match} header (the ETag the writer read,
 * RFC 9110 13.1.1). A stale or foreign tag matches no version, so the write is refused (412) by the
 * store; {@code *} matches whatever version is current.
 */
public final class IfMatch {

    private static final IfMatch CURRENT = new IfMatch(OptionalLong.empty());

    /** The version named; empty for "the current one". */
    private final OptionalLong version;

    private IfMatch(OptionalLong version) {
        this.version = version;
    }

    /**
     * The editing API's rule: without {@code If-Match} a write is refused (428), as it could overwrite
     * changes the writer never saw.
     */
    public static IfMatch required(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "If-Match required",
                    "send the ETag of the feature you read as If-Match, so a change made meanwhile by someone else is not overwritten");
        }
        return parse(header);
    }

    /**
     * OGC API – Features Part 4's rule: {@code If-Match} is honoured when sent, and a write without one
     * changes the current version. QGIS, the desktop client the land offices use, never sends it.
     */
    public static IfMatch optional(String header) {
        return header == null || header.isBlank() ? CURRENT : parse(header);
    }

    private static IfMatch parse(String header) {
        String tag = header.strip();
        if (tag.equals("*")) {
            return CURRENT;
        }
        tag = tag.startsWith("W/") ? tag.substring(2) : tag;
        tag = tag.startsWith("\"") && tag.endsWith("\"") && tag.length() > 1 ? tag.substring(1, tag.length() - 1) : tag;
        try {
            return new IfMatch(OptionalLong.of(Long.parseLong(tag)));
        } catch (NumberFormatException e) {
            // Not an ETag this server gave out: it matches no version, so the write is refused as stale.
            return new IfMatch(OptionalLong.of(-1));
        }
    }

    /** The version the store must find, given the one it holds now. */
    long expected(long current) {
        return version.orElse(current);
    }
}
