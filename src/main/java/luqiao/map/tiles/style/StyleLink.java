package luqiao.map.tiles.style;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the map style is, as the link that TileJSON and the OGC tilesets carry to it. */
public final class StyleLink {

    public static final String PATH = "/styles/luqiao.json";
    /** The media type OGC API – Styles registers for Mapbox/MapLibre GL styles. */
    public static final String MEDIA_TYPE = "application/vnd.mapbox.style+json";

    private StyleLink() {}

    /** The link with the IANA relation {@code stylesheet}, at the server whose public base URL is {@code base}. */
    public static Map<String, Object> at(String base) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("rel", "stylesheet");
        link.put("type", MEDIA_TYPE);
        link.put("title", "MapLibre GL style");
        link.put("href", base + PATH);
        return link;
    }
}
