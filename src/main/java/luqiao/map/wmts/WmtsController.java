package luqiao.map.wmts;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import luqiao.map.catalog.Audience;
import luqiao.map.tiles.TileController;
import luqiao.map.tiles.TileExtents;
import luqiao.map.tiles.TileFormat;
import luqiao.map.tiles.TileSet;
import luqiao.map.tiles.WebMercator;
import luqiao.map.wmts.WmtsException.Code;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OGC WMTS 1.0.0 over the PNG tiles, in both bindings: KVP ({@code /wmts?SERVICE=WMTS&REQUEST=GetCapabilities},
 * {@code …&REQUEST=GetTile&…}) and RESTful ({@code /wmts/1.0.0/WMTSCapabilities.xml} and the {@code ResourceURL}
 * template {@code /wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png}).
 *
 * <p>Tiles come from the tile endpoints' own path ({@link TileController}): the same cache, audience rules,
 * ETags and caching headers, so a GoogleMapsCompatible tile is byte for byte the {@code /tiles/…png} one.
 *
 * <p>A tile outside the layer's limits for the caller (those its capabilities state, from the extents the
 * OGC tile route checks too) is out of range, like one outside its matrix.
 *
 * <p>Errors are OWS ExceptionReports. KVP answers with the standard's status for the code (400, or 501 for an
 * operation it does not offer); a RESTful URL that names no resource (an unknown layer, style, set or matrix,
 * a tile out of range) answers 404, as HTTP means for a missing resource.
 */
@RestController
class WmtsController {

    private static final MediaType XML = new MediaType("application", "xml", StandardCharsets.UTF_8);
    private static final String VERSION = "1.0.0";

    private final TileController tiles;
    private final TileExtents extents;

    WmtsController(TileController tiles, TileExtents extents) {
        this.tiles = tiles;
        this.extents = extents;
    }

    /** The KVP binding. Parameter names are case-insensitive (OWS Common 11.5.2); so are SERVICE's and REQUEST's values. */
    @GetMapping("/wmts")
    ResponseEntity<?> kvp(
            @RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Audience audience) {
        Map<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parameters.forEach((name, values) -> p.putIfAbsent(name, values.get(0)));
        String service = required(p, "Service");
        if (!service.equalsIgnoreCase("WMTS")) {
            throw new WmtsException(
                    Code.InvalidParameterValue, "Service", "this is a WMTS service, not '" + service + "'");
        }
        String request = required(p, "Request");
        if (request.equalsIgnoreCase("GetCapabilities")) {
            String accepted = p.get("AcceptVersions");
            if (accepted != null
                    && Arrays.stream(accepted.split(",")).map(String::trim).noneMatch(VERSION::equals)) {
                throw new WmtsException(
                        Code.VersionNegotiationFailed,
                        "AcceptVersions",
                        "this service speaks WMTS " + VERSION + " only, not " + accepted);
            }
            return capabilities(audience);
        }
        if (!request.equalsIgnoreCase("GetTile")) {
            throw new WmtsException(
                    Code.OperationNotSupported,
                    "Request",
                    "the operations are GetCapabilities and GetTile, not '" + request + "'");
        }
        String version = required(p, "Version");
        if (!version.equals(VERSION)) {
            throw new WmtsException(
                    Code.InvalidParameterValue, "Version", "this service speaks WMTS " + VERSION + ", not " + version);
        }
        String layer = required(p, "Layer");
        String style = p.get("Style");
        if (style == null) {
            // Present but empty is the default style: many clients send STYLE= when they do not choose one.
            throw missing("Style");
        }
        String format = required(p, "Format");
        if (!format.equals(TileFormat.PNG.mediaType().toString())) {
            throw new WmtsException(
                    Code.InvalidParameterValue,
                    "Format",
                    "the tiles are " + TileFormat.PNG.mediaType() + ", not '" + format + "'");
        }
        TileAddress tile = TileAddress.of(
                layer,
                style,
                required(p, "TileMatrixSet"),
                required(p, "TileMatrix"),
                required(p, "TileRow"),
                required(p, "TileCol"));
        return tile(tile, ifNoneMatch, audience);
    }

    /** The RESTful binding's ServiceMetadata resource: the same document as the KVP GetCapabilities. */
    @GetMapping(Capabilities.REST + "/WMTSCapabilities.xml")
    ResponseEntity<String> restCapabilities(Audience audience) {
        return capabilities(audience);
    }

    /** The RESTful binding's tile resource, as the layers' {@code ResourceURL} template spells it. */
    @GetMapping(Capabilities.REST + "/{layer}/{style}/{tileMatrixSet}/{tileMatrix}/{tileRow}/{tileCol}.png")
    ResponseEntity<byte[]> restTile(
            @PathVariable String layer,
            @PathVariable String style,
            @PathVariable String tileMatrixSet,
            @PathVariable String tileMatrix,
            @PathVariable String tileRow,
            @PathVariable String tileCol,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Audience audience) {
        return tile(TileAddress.of(layer, style, tileMatrixSet, tileMatrix, tileRow, tileCol), ifNoneMatch, audience);
    }

    @ExceptionHandler(WmtsException.class)
    ResponseEntity<String> exceptionReport(WmtsException e, HttpServletRequest request) {
        boolean restful = request.getRequestURI().startsWith(request.getContextPath() + Capabilities.REST + "/");
        return ResponseEntity.status(restful ? 404 : e.code().kvpStatus())
                .contentType(XML)
                .body(ExceptionReport.of(e));
    }

    private ResponseEntity<String> capabilities(Audience audience) {
        Map<TileSet, Envelope> bounds = new LinkedHashMap<>();
        for (TileSet set : TileSet.values()) {
            bounds.put(set, bounds(set, audience));
        }
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ResponseEntity.ok().contentType(XML).body(Capabilities.document(base, bounds));
    }

    /** The tile, if the layer's limits for the caller hold it (those of its capabilities). */
    private ResponseEntity<byte[]> tile(TileAddress tile, String ifNoneMatch, Audience audience) {
        tile.matrixSet()
                .limits(bounds(tile.layer(), audience), tile.coord().z())
                .ifPresent(limits -> limits.check(tile.coord(), tile.matrixSet()));
        return tiles.respond(
                tile.matrixSet().grid(),
                tile.layer().id(),
                tile.coord(),
                TileFormat.PNG,
                ifNoneMatch,
                null,
                audience,
                null);
    }

    /** The set's data as the audience sees it, in lon/lat; the Web Mercator world when it sees none. */
    private Envelope bounds(TileSet set, Audience audience) {
        return extents.of(set, audience)
                .orElseGet(() -> new Envelope(-180, 180, -WebMercator.MAX_LATITUDE, WebMercator.MAX_LATITUDE));
    }

    /** The parameter's value; absent or empty, it is missing. */
    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw missing(name);
        }
        return value;
    }

    private static WmtsException missing(String name) {
        return new WmtsException(Code.MissingParameterValue, name, "the parameter " + name + " is missing");
    }
}
