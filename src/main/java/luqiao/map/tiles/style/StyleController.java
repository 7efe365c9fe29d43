package luqiao.map.tiles.style;

import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.TileSet;
import luqiao.map.tiles.TileSettings;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /styles/luqiao.json}: the MapLibre GL style of the vector tiles ({@link MapStyle}) for the caller's
 * audience, as the tiles are: the public's names only the stages of public projects. Sources are absolute URLs
 * on this server's public base, as in TileJSON, so the style works from anywhere it is loaded.
 */
@RestController
class StyleController {

    /** The zoom (of 256-pixel tiles) the style opens at: the district fills a screen. */
    private static final int OPENING_ZOOM = 11;

    private final TileStore store;
    private final PublicPolicy policy;
    private final TileSettings settings;

    StyleController(TileStore store, PublicPolicy policy, TileSettings settings) {
        this.store = store;
        this.policy = policy;
        this.settings = settings;
    }

    @GetMapping(
            value = StyleLink.PATH,
            produces = {MediaType.APPLICATION_JSON_VALUE, StyleLink.MEDIA_TYPE})
    Map<String, Object> style(Audience audience) {
        Envelope extent = new Envelope();
        TileSet.ALL.layers().forEach(l -> store.extent(l, audience).ifPresent(extent::expandToInclude));
        return MapStyle.of(
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(),
                policy.stages(audience),
                extent,
                OPENING_ZOOM,
                settings.labelMinZoom());
    }
}
