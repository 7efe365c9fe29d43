package luqiao.map.frontend;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.webjars.WebJarVersionLocator;

/**
 * The HTML pages as served: rewritten once at startup so that every URL of a file they load is versioned
 * and can be cached for good. {@code /js/app.js} and {@code /app.css} become
 * {@code /app/<content hash>/...}; {@code /webjars/leaflet/dist/leaflet.js} gets the webjar's version
 * ({@code /webjars/leaflet/1.9.4/dist/leaflet.js}). Each module script's static imports, followed through
 * the module graph, are announced as {@code <link rel="modulepreload">}, so the browser fetches them all at
 * once instead of one level of imports per round trip. The pages themselves are revalidated (ETag).
 */
@Component
public class FrontendPages {

    /** A page as served: its bytes and their ETag. */
    public record Page(byte[] body, String etag) {}

    /** A quoted root-relative URL anywhere in a page: attributes, and the import map's JSON alike. */
    private static final Pattern URL = Pattern.compile("\"(/[^\"\\s?#]*)\"");

    private static final Pattern MODULE_SCRIPT = Pattern.compile("<script type=\"module\" src=\"/([^\"]+)\"");

    /** A static import or re-export of a relative module; dynamic {@code import()} (lazy code) is left alone. */
    private static final Pattern STATIC_IMPORT =
            Pattern.compile("^\\s*(?:import|export)\\s[^'\";]*?['\"](\\.{1,2}/[^'\"]+)['\"]", Pattern.MULTILINE);

    private static final String WEBJARS = "/webjars/";
    private static final String WEBJAR_ROOT = "META-INF/resources";

    private final FrontendFiles files;
    private final WebJarVersionLocator webjars = new WebJarVersionLocator();
    private final Map<String, Page> pages = new TreeMap<>();

    public FrontendPages(FrontendFiles files) {
        this.files = files;
        for (String path : files.paths()) {
            if (path.endsWith(".html") && !path.contains("/")) {
                String html = new String(files.file(path), StandardCharsets.UTF_8);
                byte[] body = render(html).getBytes(StandardCharsets.UTF_8);
                pages.put(path.substring(0, path.length() - ".html".length()), new Page(body, etag(body)));
            }
        }
    }

    /** The page by its name ({@code index}, {@code embed}), or null. */
    public Page page(String name) {
        return pages.get(name);
    }

    String render(String html) {
        StringBuilder preloads = new StringBuilder();
        Set<String> entries = new LinkedHashSet<>();
        Matcher scripts = MODULE_SCRIPT.matcher(html);
        while (scripts.find()) {
            entries.add(scripts.group(1));
        }
        Set<String> imported = new LinkedHashSet<>();
        entries.forEach(entry -> collectImports(entry, imported));
        imported.removeAll(entries);
        imported.forEach(path -> preloads.append("  <link rel=\"modulepreload\" href=\"/")
                .append(path)
                .append("\">\n"));
        String withPreloads = html.replace("</head>", preloads + "</head>");
        return URL.matcher(withPreloads).replaceAll(m -> Matcher.quoteReplacement('"' + versioned(m.group(1)) + '"'));
    }

    /** The module's static imports, depth first, each once. */
    private void collectImports(String module, Set<String> into) {
        byte[] source = files.file(module);
        if (source == null) {
            return;
        }
        Matcher imports = STATIC_IMPORT.matcher(new String(source, StandardCharsets.UTF_8));
        while (imports.find()) {
            String target = URI.create(module).resolve(imports.group(1)).getPath();
            if (into.add(target)) {
                collectImports(target, into);
            }
        }
    }

    /** The URL's versioned form; a URL that names no file of the web map or of a webjar stays as it is. */
    String versioned(String url) {
        if (url.startsWith(WEBJARS)) {
            String rest = url.substring(WEBJARS.length());
            int slash = rest.indexOf('/');
            String full = slash < 0 ? null : webjars.fullPath(rest.substring(0, slash), rest.substring(slash + 1));
            return full == null ? url : full.substring(WEBJAR_ROOT.length());
        }
        String path = url.substring(1);
        return files.file(path) != null && !path.endsWith(".html") ? files.versionedUrl(path) : url;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
