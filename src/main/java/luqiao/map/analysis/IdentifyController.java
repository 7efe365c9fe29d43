package luqiao.map.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.LonLat;
import luqiao.map.web.JsonBodies;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/identify?lon=&lat=&zoom=} (or {@code tolerance_m=}): everything at a position of the
 * map in one answer, as {@link Identify} finds it for the caller's audience. Each item carries its
 * id, its lon/lat {@code bbox} (to zoom to it; the client opens its popup by id) and the fields the
 * audience may see; projects also their {@code distance_m}. Geometries are left out: a click on the
 * district would otherwise send the whole district boundary.
 */
@RestController
class IdentifyController {

    private final Identify identify;
    private final JsonBodies json;

    IdentifyController(Identify identify, JsonBodies json) {
        this.identify = identify;
        this.json = json;
    }

    @GetMapping("/api/identify")
    ResponseEntity<byte[]> identify(
            @RequestParam double lon,
            @RequestParam double lat,
            @RequestParam(required = false) Double zoom,
            @RequestParam(name = "tolerance_m", required = false) Double toleranceM,
            Audience audience) {
        LonLat at = LonLat.of(lon, lat);
        Identify.Found found = identify.at(at, identify.tolerance(toleranceM, zoom, lat), audience);
        return json.ok(MediaType.APPLICATION_JSON, Answer.of(found));
    }

    record Answer(
            double lon, double lat, BigDecimal tolerance_m, List<Item> zones, List<Item> projects, List<Item> parcels) {

        static Answer of(Identify.Found found) {
            return new Answer(
                    found.at().lon(),
                    found.at().lat(),
                    round(found.toleranceM(), 2),
                    found.zones().stream().map(z -> Item.of(z, null)).toList(),
                    found.projects().stream()
                            .map(n -> Item.of(n.project(), round(n.distanceM(), 2)))
                            .toList(),
                    found.parcels().stream().map(p -> Item.of(p, null)).toList());
        }
    }

    /** One feature at the position; {@code distance_m} only for projects (0 inside a polygon). */
    record Item(
            String id,
            List<Double> bbox,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal distance_m,
            Map<String, Object> properties) {

        static Item of(Feature f, BigDecimal distanceM) {
            Envelope e = f.geometry().getEnvelopeInternal();
            Map<String, Object> properties = new LinkedHashMap<>();
            f.properties().forEach((name, value) -> properties.put(name, plain(value)));
            if (properties.get("area_m2") instanceof BigDecimal m2) {
                properties.putAll(AnalysisAnswers.areas("area_", m2.doubleValue()));
            }
            return new Item(f.id(), List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()), distanceM, properties);
        }
    }

    private static Object plain(Object value) {
        return value == null || value instanceof BigDecimal || value instanceof Boolean ? value : value.toString();
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
