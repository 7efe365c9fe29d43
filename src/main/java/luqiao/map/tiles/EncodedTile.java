package luqiao.map.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A tile ready to send: its bytes, for cached vector tiles also their gzip form (compressed once
 * here, not per request), and a strong ETag derived from the content, so a tile that is rebuilt
 * unchanged keeps its ETag and clients keep their copy. A tile that is not cached is not compressed
 * ahead: {@link #gzipped()} compresses it only for a client that accepts gzip.
 */
record EncodedTile(byte[] body, byte[] gzip, String etag) {

    static EncodedTile of(byte[] body, boolean compress) {
        return new EncodedTile(body, compress && body.length > 0 ? gzip(body) : null, etag(body));
    }

    /** The gzip form of a non-empty tile: the one made ahead, or made now; null for an empty tile. */
    byte[] gzipped() {
        return gzip != null ? gzip : body.length > 0 ? gzip(body) : null;
    }

    /** What the cache counts: the bytes held, plus a little for the record and key. */
    int weight() {
        return body.length + (gzip == null ? 0 : gzip.length) + 128;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 32);
        // One deflate call for the whole tile, not one per 512-byte default buffer.
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
