package luqiao.map.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The web map's own files (the repository's {@code frontend/}, packaged under {@code static/}) and one
 * content hash of them all. The hash is the version in {@code /app/<version>/js/app.js}: one prefix for
 * the whole folder keeps the ES modules' relative imports ({@code ./util.js}) valid without rewriting any
 * of them, and a changed or added file changes it by itself. Per-file hashes would let an unchanged file
 * stay cached across a release, but every importer would then need an import map entry; with some thirty
 * small files the whole folder is a few dozen kilobytes compressed, a fair price for no bookkeeping.
 */
@Component
public class FrontendFiles {

    static final String LOCATION = "classpath:/static/";

    private final Map<String, byte[]> files;
    private final String version;

    public FrontendFiles() {
        this.files = Collections.unmodifiableMap(read());
        this.version = hash(files);
    }

    /** The content hash that versions every file: twelve hex digits of SHA-256. */
    public String version() {
        return version;
    }

    /** The file's bytes by its path below {@code static/} ({@code js/app.js}), or null. */
    byte[] file(String path) {
        return files.get(path);
    }

    /** Every file's path below {@code static/}, sorted. */
    Iterable<String> paths() {
        return files.keySet();
    }

    /** The versioned URL of one of these files: {@code /app/<version>/<path>}. */
    String versionedUrl(String path) {
        return "/app/" + version + "/" + path;
    }

    private static Map<String, byte[]> read() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, byte[]> out = new TreeMap<>();
        try {
            String root = resolver.getResource(LOCATION).getURL().toString();
            for (Resource r : resolver.getResources(LOCATION + "**")) {
                String url = r.getURL().toString();
                if (r.isReadable() && !url.endsWith("/") && url.startsWith(root)) {
                    out.put(url.substring(root.length()), r.getContentAsByteArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web map's files", e);
        }
        if (!out.containsKey("index.html")) {
            throw new IllegalStateException("the web map's files are not on the class path under " + LOCATION);
        }
        return out;
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
