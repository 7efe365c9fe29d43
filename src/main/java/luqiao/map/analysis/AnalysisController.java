package luqiao.map.analysis;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.FeatureCollection;
import luqiao.map.geometry.Crs;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.geometry.LonLat;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.VersionedStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import org.locationtech.jts.geom.Geometry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The analysis API: parcels in a drawn polygon with area totals, projects near a position, and the figures
 * of a zone, limited to what the caller's {@link Audience} may see; answered as {@link AnalysisAnswers}.
 */
@RestController
class AnalysisController {

    private static final String BODY = "a JSON object with a geometry";

    private final ParcelAnalysis parcels;
    private final NearProjects near;
    private final ZoneStatistics zones;
    private final SpatialStore store;
    private final VersionedStore versions;
    private final JsonBodies json;
    private final AnalysisProperties limits;

    AnalysisController(
            ParcelAnalysis parcels,
            NearProjects near,
            ZoneStatistics zones,
            SpatialStore store,
            VersionedStore versions,
            JsonBodies json,
            AnalysisProperties limits) {
        this.parcels = parcels;
        this.near = near;
        this.zones = zones;
        this.store = store;
        this.versions = versions;
        this.json = json;
        this.limits = limits;
    }

    @PostMapping("/api/analysis/parcels")
    ResponseEntity<byte[]> parcels(
            HttpServletRequest request,
            @RequestParam(name = "geometry", defaultValue = "false") boolean withGeometry,
            Audience audience)
            throws IOException {
        ParcelRequest asked = ParcelRequest.read(
                json.readObject(request, limits.maxBodySize().toBytes(), BODY), limits.maxVertices());
        ParcelRequest query = asked.zone() == null ? asked : asked.within(inZone(asked, audience));
        ParcelReport report =
                parcels.analyse(query.area(), new ParcelFilter(query.landuse(), query.status()), audience);
        AnalysisAnswers.Filter filter = new AnalysisAnswers.Filter(query.zone(), query.landuse(), query.status());
        // The parcels' editors get each parcel's version: what a batch status change of the result must name.
        Map<String, Long> read = audience.seesInternalFieldsOf(Layer.PARCELS)
                ? versions.liveVersions(
                        Layer.PARCELS,
                        report.parcels().stream().map(s -> s.parcel().id()).toList())
                : Map.of();
        return json.ok(
                MediaType.APPLICATION_JSON,
                AnalysisAnswers.Parcels.of(query.crs().id(), filter, report, withGeometry, read));
    }

    /** The request's polygon cut to its zone; 400 when the audience sees no such zone. */
    private Geometry inZone(ParcelRequest asked, Audience audience) {
        Feature zone = store.get(Layer.ZONES, asked.zone(), audience)
                .orElseThrow(() ->
                        new InvalidParameterException("zone", "zone: there is no public zone '" + asked.zone() + "'"));
        return ParcelAnalysis.polygonalIntersection(asked.area(), zone.geometry());
    }

    /** Ground length and area of a drawn line or polygon on the WGS 84 ellipsoid, as PostGIS measures them. */
    @PostMapping("/api/analysis/measure")
    ResponseEntity<byte[]> measure(HttpServletRequest request) throws IOException {
        JsonNode body = json.readObject(request, limits.maxBodySize().toBytes(), BODY);
        Crs crs = body.has("crs") ? Crs.of("crs", ParcelRequest.text(body.get("crs"), "crs")) : Crs.CRS84;
        Geometry geometry = QueryGeometry.measurable(body.get("geometry"), crs, limits.maxVertices());
        return json.ok(
                MediaType.APPLICATION_JSON,
                AnalysisAnswers.Measure.of(GroundMeasure.lengthM(geometry), GroundMeasure.areaM2(geometry)));
    }

    @GetMapping("/api/projects/near")
    ResponseEntity<byte[]> projectsNear(
            @RequestParam double lon,
            @RequestParam double lat,
            @RequestParam(name = "radius_m", required = false) Double radiusM,
            @RequestParam(required = false) Integer limit,
            Audience audience) {
        LonLat position = LonLat.of(lon, lat);
        double radius = radiusM == null ? limits.defaultRadiusM() : radiusM;
        if (!(radius >= 0 && radius <= limits.maxRadiusM())) {
            throw new InvalidParameterException(
                    "radius_m",
                    "radius_m must be between 0 and "
                            + BigDecimal.valueOf(limits.maxRadiusM())
                                    .stripTrailingZeros()
                                    .toPlainString() + " metres");
        }
        int n = limit == null ? limits.defaultNearLimit() : limit;
        if (n < 1 || n > limits.maxNearLimit()) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + limits.maxNearLimit());
        }
        List<Feature> found = near.near(position.lon(), position.lat(), radius, n, audience).stream()
                .map(NearProjects.Near::withDistance)
                .toList();
        return json.ok(JsonBodies.GEO_JSON, FeatureCollection.of(found));
    }

    @GetMapping("/api/stats/zones/{id}")
    ResponseEntity<byte[]> zoneStats(
            @PathVariable String id,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        ZoneStatistics.Stats stats = zones.of(id, audience, AsOf.parse(asOf, Layer.PROJECTS));
        return json.ok(MediaType.APPLICATION_JSON, AnalysisAnswers.ZoneStats.of(stats));
    }
}
