package luqiao.map.analysis;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.LonLat;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Service;

/**
 * What lies at one position of the map, as one click of the identify tool lists it (the "i" of
 * SuperMap iServer and uMap): the zones containing it (smallest first), the projects within the
 * tolerance (points and lines near it, polygons containing it; nearest first) and the parcels
 * containing it. Every list is read through the store for the caller's {@link Audience}, so the
 * public gets public rows and fields only.
 */
@Service
class Identify {

    /** Ground metres per screen pixel at zoom 0 on the equator (Web Mercator, 256-pixel tiles). */
    private static final double M_PER_PIXEL_ZOOM_0 = 40_075_016.686 / 256;
    /** The most projects one click lists (a click among clustered sites at a low zoom). */
    private static final int MAX_PROJECTS = 50;

    private final SpatialStore store;
    private final NearProjects near;
    private final AnalysisProperties limits;

    Identify(SpatialStore store, NearProjects near, AnalysisProperties limits) {
        this.store = store;
        this.near = near;
        this.limits = limits;
    }

    record Found(
            LonLat at,
            double toleranceM,
            List<Feature> zones,
            List<NearProjects.Near> projects,
            List<Feature> parcels) {}

    /**
     * The tolerance in metres: {@code toleranceM} when given (0..max), else what
     * {@code luqiao.analysis.identify-pixels} screen pixels cover at {@code zoom} and the latitude,
     * capped at the maximum; without either, the pixels at zoom 16.
     */
    double tolerance(Double toleranceM, Double zoom, double lat) {
        double max = limits.identifyMaxToleranceM();
        if (toleranceM != null) {
            if (!(toleranceM >= 0 && toleranceM <= max)) {
                throw new InvalidParameterException(
                        "tolerance_m", "tolerance_m must be between 0 and " + plain(max) + " metres");
            }
            return toleranceM;
        }
        double z = zoom == null ? 16 : zoom;
        if (!(z >= 0 && z <= 24)) {
            throw new InvalidParameterException("zoom", "zoom must be between 0 and 24");
        }
        double perPixel = M_PER_PIXEL_ZOOM_0 * Math.cos(Math.toRadians(lat)) / Math.pow(2, z);
        return Math.min(max, limits.identifyPixels() * perPixel);
    }

    Found at(LonLat at, double toleranceM, Audience audience) {
        checkInDistrict(at, audience);
        List<Feature> zones = store.zonesContaining(at.lon(), at.lat(), audience);
        List<NearProjects.Near> projects = near.near(at.lon(), at.lat(), toleranceM, MAX_PROJECTS, audience);
        List<Feature> parcels = store.intersecting(
                Layer.PARCELS, new GeometryFactory().createPoint(new Coordinate(at.lon(), at.lat())), audience);
        return new Found(at, toleranceM, zones, projects, parcels);
    }

    /**
     * A 400 for a position outside the zones layer's extent (the district), with a margin of a
     * hundredth of a degree: there is nothing to list, and it is most often swapped lon/lat.
     */
    private void checkInDistrict(LonLat at, Audience audience) {
        Optional<Envelope> district = store.extent(Layer.ZONES, audience);
        if (district.isEmpty()) {
            return;
        }
        Envelope box = new Envelope(district.get());
        box.expandBy(0.01);
        if (!box.contains(at.lon(), at.lat())) {
            throw new InvalidParameterException(
                    "lon",
                    "lon, lat: (" + at.lon() + ", " + at.lat() + ") is outside the district (lon " + box.getMinX()
                            + ".." + box.getMaxX() + ", lat " + box.getMinY() + ".." + box.getMaxY() + ")");
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
