package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import luqiao.map.web.BodyTooLargeException;

/** Streams an upload to a file and stops as soon as it is too large, so no oversized file is ever kept whole. */
final class UploadCopy {

    private UploadCopy() {}

    /**
     * Copies {@code body} to {@code target}: 413 as soon as it passes {@code max}; {@code noRoom} (given the
     * bytes so far) as soon as it passes {@code left}, the room a shared folder has.
     */
    static void copy(InputStream body, Path target, long max, long left, LongFunction<RuntimeException> noRoom)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = body.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new BodyTooLargeException(max);
                }
                if (total > left) {
                    throw noRoom.apply(total);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** Copies {@code body} to {@code target}: 413 as soon as it passes {@code max}. */
    static void copy(InputStream body, Path target, long max) throws IOException {
        copy(body, target, max, Long.MAX_VALUE, total -> new IllegalStateException("unreachable"));
    }
}
