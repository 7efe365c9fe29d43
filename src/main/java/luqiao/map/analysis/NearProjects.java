package luqiao.map.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.GroundDistance;
import luqiao.map.store.SpatialStore;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Service;

/**
 * Public projects within a ground distance of a position, nearest first.
 *
 * <p>The database returns the projects meeting a lon/lat box that surely holds the whole circle
 * (degrees per metre taken at their largest over the box); the exact geodesic distance to each
 * site's nearest point is then measured with {@link GroundDistance} (0 inside a polygon).
 */
@Service
class NearProjects {

    /** Fewest metres per degree of latitude on WGS 84 (at the equator: 110 574 m), rounded down. */
    private static final double MIN_M_PER_DEGREE_LAT = 110_000;
    /** Metres per degree of longitude at the equator on WGS 84 (111 320 m), rounded down. */
    private static final double M_PER_DEGREE_LON_EQUATOR = 111_300;

    private final SpatialStore store;

    NearProjects(SpatialStore store) {
        this.store = store;
    }

    record Near(Feature project, double distanceM) {

        /** The project with its distance as the property {@code distance_m}. */
        Feature withDistance() {
            Map<String, Object> properties = new LinkedHashMap<>(project.properties());
            properties.put("distance_m", BigDecimal.valueOf(distanceM));
            return new Feature(project.id(), properties, project.geometry());
        }
    }

    List<Near> near(double lon, double lat, double radiusM, int limit, Audience audience) {
        double dLat = radiusM / MIN_M_PER_DEGREE_LAT * 1.01 + 1e-7;
        double farLat = Math.min(89.999, Math.abs(lat) + dLat);
        double dLon =
                Math.min(180, radiusM / (M_PER_DEGREE_LON_EQUATOR * Math.cos(Math.toRadians(farLat))) * 1.01 + 1e-7);
        Envelope box = new Envelope(
                Math.max(-180, lon - dLon),
                Math.min(180, lon + dLon),
                Math.max(-90, lat - dLat),
                Math.min(90, lat + dLat));
        List<Near> found = new ArrayList<>();
        for (Feature project : store.intersecting(Layer.PROJECTS, new GeometryFactory().toGeometry(box), audience)) {
            double d = GroundDistance.distanceM(lon, lat, project.geometry());
            if (d <= radiusM) {
                found.add(new Near(project, d));
            }
        }
        found.sort(Comparator.comparingDouble(Near::distanceM)
                .thenComparing(n -> n.project().id()));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
    }
}
