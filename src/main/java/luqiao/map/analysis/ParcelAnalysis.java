package luqiao.map.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.store.SpatialStore;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.springframework.stereotype.Service;

/**
 * Parcels in an area with the ground area of their part inside it, in total and grouped.
 *
 * <p>The database returns the candidates (index-assisted {@code ST_Intersects}); the intersection
 * is cut here with JTS (OverlayNG, robust) and measured on the ellipsoid with
 * {@link GroundMeasure}, so both backends give the figures of PostGIS
 * {@code ST_Area(ST_Intersection(parcel, area)::geography)}. Parcels that only touch the area
 * (no common area) are not counted. Only what the public may see is read.
 */
@Service
class ParcelAnalysis {

    private final SpatialStore store;

    ParcelAnalysis(SpatialStore store) {
        this.store = store;
    }

    /** The parcels passing {@code filter} that share area with {@code area} (lon/lat). */
    ParcelReport analyse(Geometry area, ParcelFilter filter, Audience audience) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        List<ParcelReport.Share> shares = new ArrayList<>();
        for (Feature parcel : store.intersecting(Layer.PARCELS, area, audience)) {
            if (!filter.test(parcel)) {
                continue;
            }
            Geometry g = parcel.geometry();
            double whole = parcel.properties().get("area_m2") instanceof BigDecimal stored
                    ? stored.doubleValue()
                    : GroundMeasure.areaM2(g);
            double inside = prepared.covers(g) ? whole : GroundMeasure.areaM2(polygonalIntersection(g, area));
            if (inside > 0) {
                shares.add(new ParcelReport.Share(parcel, whole, inside));
            }
        }
        return report(GroundMeasure.areaM2(area), shares);
    }

    /**
     * The polygonal part of a ∩ b (lines and points where they only touch are dropped), as a
     * MultiPolygon in lon/lat; empty when they share no area.
     */
    static Geometry polygonalIntersection(Geometry a, Geometry b) {
        Geometry overlay = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
        List<Polygon> polygons = new ArrayList<>();
        PolygonExtracter.getPolygons(overlay, polygons);
        Geometry result = overlay.getFactory().createMultiPolygon(polygons.toArray(Polygon[]::new));
        result.setSRID(4326);
        return result;
    }

    static ParcelReport report(double areaM2, List<ParcelReport.Share> shares) {
        Tally.Builder total = new Tally.Builder();
        Tally.Builder landuse = new Tally.Builder();
        Tally.Builder status = new Tally.Builder();
        Tally.Builder town = new Tally.Builder();
        for (ParcelReport.Share s : shares) {
            Function<String, String> p = name -> ParcelFilter.text(s.parcel(), name);
            double m2 = s.intersectedM2();
            total.add(m2, 0);
            landuse.group(p.apply("landuse_l1_code"), p.apply("landuse_l1_name"))
                    .add(m2, 0)
                    .group(p.apply("landuse_code"), p.apply("landuse_name"))
                    .add(m2, 0);
            status.group(p.apply("status"), null).add(m2, 0);
            town.group(p.apply("town"), null).add(m2, 0);
        }
        return new ParcelReport(
                areaM2,
                total.build(Tally.byKey()),
                landuse.build(Tally.byKey()).children(),
                status.build(Tally.inOrder(ParcelFilter.STATUSES)).children(),
                town.build(Tally.byKey()).children(),
                List.copyOf(shares));
    }
}
