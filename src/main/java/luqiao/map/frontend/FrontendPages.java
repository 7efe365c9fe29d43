package luqiao.map.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.webjars.WebJarVersionLocator;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTML pages as served: rewritten once at startup so that every URL of a file they load is versioned
 * and can be cached for good. {@code /js/app.js} and {@code /app.css} become
 * {@code /app/<content hash>/...}; {@code /webjars/leaflet/dist/leaflet.js} gets the webjar's version
 * ({@code /webjars/leaflet/1.9.4/dist/leaflet.js}). Each module script's static imports, followed through
 * the module graph, are announced as {@code <link rel="modulepreload">}, so the browser fetches them all at
 * once instead of one level of imports per round trip. {@link PageData} is written into the pages that
 * hold its element. The pages themselves are revalidated (ETag).
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

    private static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"(/[^\"]+)\">");

    /** A relative {@code url()} in a stylesheet (not data:, not absolute, not a fragment). */
    private static final Pattern CSS_URL =
            Pattern.compile("url\\(\\s*(['\"]?)(?![a-zA-Z][a-zA-Z+.-]*:|/|#)([^'\")]+)\\1\\s*\\)");

    /** Two or more classic scripts in a row, one tag a line, as the pages write them. */
    private static final Pattern SCRIPT_RUN =
            Pattern.compile("(?:[ \\t]*<script src=\"/webjars/[^\"]+\"></script>\\n){2,}");

    private static final Pattern SCRIPT = Pattern.compile("<script src=\"(/webjars/[^\"]+)\"></script>");

    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//# sourceMappingURL=.*$");

    private static final int COMBINED_MAX_BYTES = 256 * 1024;

    private static final String WEBJARS = "/webjars/";
    private static final String WEBJAR_ROOT = "META-INF/resources";

    private final FrontendFiles files;
    private final WebJarVersionLocator webjars = new WebJarVersionLocator();
    private final Map<String, Page> pages = new TreeMap<>();
    private final Map<String, byte[]> combined = new TreeMap<>();

    public FrontendPages(FrontendFiles files, ObjectProvider<PageData> data, ObjectMapper json) {
        this.files = files;
        for (String path : files.paths()) {
            if (path.endsWith(".html") && !path.contains("/")) {
                String html = render(new String(files.file(path), StandardCharsets.UTF_8));
                for (PageData d : data.orderedStream().toList()) {
                    html = withData(html, d.id(), json.writeValueAsString(d.value()));
                }
                byte[] body = html.getBytes(StandardCharsets.UTF_8);
                pages.put(path.substring(0, path.length() - ".html".length()), new Page(body, etag(body)));
            }
        }
    }

    /** The page by its name ({@code index}, {@code embed}), or null. */
    public Page page(String name) {
        return pages.get(name);
    }

    String render(String source) {
        String html = combineScripts(inlineStylesheets(source));
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

    /** The page with its empty element for the data filled; a {@code <} in the JSON cannot end the script. */
    static String withData(String html, String id, String json) {
        String element = "<script type=\"application/json\" id=\"" + id + "\">";
        return html.replace(element + "</script>", element + json.replace("<", "\\u003c") + "</script>");
    }

    /**
     * Each stylesheet link replaced by the stylesheet itself, its relative {@code url()}s made absolute
     * and versioned: five requests fewer for the map, and the page that carries them is revalidated
     * anyway (a repeat visit costs a 304).
     */
    private String inlineStylesheets(String html) {
        return STYLESHEET.matcher(html).replaceAll(m -> {
            String url = versioned(m.group(1));
            String css = stylesheet(url);
            if (css == null) {
                return Matcher.quoteReplacement(m.group());
            }
            String absolute = CSS_URL.matcher(css)
                    .replaceAll(u ->
                            Matcher.quoteReplacement("url(" + URI.create(url).resolve(u.group(2)) + ")"));
            return Matcher.quoteReplacement("<style>/* " + url + " */\n" + absolute.strip() + "\n</style>");
        });
    }

    /**
     * Consecutive classic scripts from webjars (Leaflet and its plugins, each a self-contained IIFE or UMD
     * file) served as one file, named by its content: the same code in order, three requests fewer for the
     * map. A script over {@link #COMBINED_MAX_BYTES} (ECharts on the dashboard) keeps its own URL, so pages
     * share its cached copy.
     */
    private String combineScripts(String html) {
        return SCRIPT_RUN.matcher(html).replaceAll(run -> {
            StringBuilder out = new StringBuilder();
            List<String> group = new ArrayList<>();
            Matcher script = SCRIPT.matcher(run.group());
            while (script.find()) {
                String url = versioned(script.group(1));
                String text = webjarText(url);
                if (text != null && text.length() <= COMBINED_MAX_BYTES) {
                    group.add(url);
                } else {
                    flush(group, out);
                    out.append(scriptTag(url));
                }
            }
            flush(group, out);
            return Matcher.quoteReplacement(out.toString());
        });
    }

    private void flush(List<String> group, StringBuilder out) {
        if (group.size() == 1) {
            out.append(scriptTag(group.get(0)));
        } else if (group.size() > 1) {
            StringBuilder js = new StringBuilder();
            group.forEach(url -> js.append("/* ")
                    .append(url)
                    .append(" */\n")
                    .append(SOURCE_MAP.matcher(webjarText(url)).replaceAll(""))
                    .append("\n;\n"));
            byte[] body = js.toString().getBytes(StandardCharsets.UTF_8);
            String name = HexFormat.of().formatHex(sha256(body), 0, 6);
            combined.put(name, body);
            out.append(scriptTag(files.versionedUrl("scripts/" + name + ".js")));
        }
        group.clear();
    }

    private static String scriptTag(String url) {
        return "  <script src=\"" + url + "\"></script>\n";
    }

    /** A combined script by its name, or null. */
    public byte[] combinedScript(String name) {
        return combined.get(name);
    }

    private String webjarText(String versionedUrl) {
        ClassPathResource webjar = new ClassPathResource(WEBJAR_ROOT + versionedUrl);
        try {
            return versionedUrl.startsWith(WEBJARS) && webjar.exists()
                    ? webjar.getContentAsString(StandardCharsets.UTF_8)
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + webjar, e);
        }
    }

    private String stylesheet(String versionedUrl) {
        String prefix = files.versionedUrl("");
        if (versionedUrl.startsWith(prefix)) {
            byte[] css = files.file(versionedUrl.substring(prefix.length()));
            return css == null ? null : new String(css, StandardCharsets.UTF_8);
        }
        return webjarText(versionedUrl);
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

    /** A weak ETag: Tomcat compresses no response with a strong one. */
    private static String etag(byte[] body) {
        return "W/\"" + HexFormat.of().formatHex(sha256(body), 0, 8) + "\"";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
