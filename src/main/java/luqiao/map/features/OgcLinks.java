package luqiao.map.features;

import java.util.LinkedHashMap;
import java.util.Map;
import luqiao.map.web.JsonBodies;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links under {@code /ogc}, built from the request (so they survive a reverse proxy). */
final class OgcLinks {

    static final String GEO_JSON = JsonBodies.GEO_JSON_VALUE;
    static final String JSON = "application/json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    private OgcLinks() {}

    static String href(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/ogc" + path)
                .build()
                .toUriString();
    }

    static String href(String path, String query) {
        return href(path) + "?" + query;
    }

    static Map<String, String> link(String rel, String type, String href, String title) {
        Map<String, String> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("type", type);
        link.put("title", title);
        link.put("href", href);
        return link;
    }
}
