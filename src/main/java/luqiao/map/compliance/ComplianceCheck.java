package luqiao.map.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.SpatialStore;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.LineStringExtracter;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.springframework.stereotype.Service;

/**
 * Where project sites meet protected farmland or land of a class that conflicts with the project's
 * category ({@link ComplianceRules}), measured on the ground (WGS 84 ellipsoid, as PostGIS
 * {@code ST_Area(ST_Intersection(site, parcel)::geography)}).
 *
 * <p>A site's footprint depends on its geometry: a polygon site covers its intersection with the
 * parcel; a point site stands for the whole parcel it lies on (a building site is a parcel); a line
 * site (road, greenway) covers no area and reports the length it runs across the parcel.
 * Only projects and parcels the audience may see are checked, so internal projects' compliance is
 * the planners' alone.
 */
@Service
public class ComplianceCheck {

    private final SpatialStore store;

    ComplianceCheck(SpatialStore store) {
        this.store = store;
    }

    /** One conflicting parcel of a site: why it conflicts, and how much of it the site covers or crosses. */
    public record Conflict(
            Feature parcel, boolean farmland, boolean landuse, Geometry overlap, double areaM2, double lengthM) {}

    /** A project with its conflicts (empty when it has none). */
    public record ProjectCompliance(Feature project, List<Conflict> conflicts) {

        public double farmlandM2() {
            return conflicts.stream()
                    .filter(Conflict::farmland)
                    .mapToDouble(Conflict::areaM2)
                    .sum();
        }

        public double landuseM2() {
            return conflicts.stream()
                    .filter(Conflict::landuse)
                    .mapToDouble(Conflict::areaM2)
                    .sum();
        }

        /** Area in conflict for either reason, each parcel once. */
        public double totalM2() {
            return conflicts.stream().mapToDouble(Conflict::areaM2).sum();
        }
    }

    /** Every project the audience may see, ordered by code. */
    public List<ProjectCompliance> all(Audience audience) {
        return store.find(Layer.PROJECTS, FeatureQuery.page(audience, null, Integer.MAX_VALUE, 0)).features().stream()
                .map(p -> check(p, audience))
                .toList();
    }

    /** The project's compliance; empty when it does not exist or the audience may not see it. */
    public Optional<ProjectCompliance> of(String code, Audience audience) {
        return store.get(Layer.PROJECTS, code, audience).map(p -> check(p, audience));
    }

    private ProjectCompliance check(Feature project, Audience audience) {
        Object category = project.properties().get("category");
        java.util.Set<String> classes =
                ComplianceRules.conflictingClasses(category == null ? null : category.toString());
        List<Conflict> conflicts = new ArrayList<>();
        for (Feature parcel : store.intersecting(Layer.PARCELS, project.geometry(), audience)) {
            boolean farmland = Boolean.TRUE.equals(parcel.properties().get("farmland_protected"));
            Object l1 = parcel.properties().get("landuse_l1_code");
            boolean landuse = l1 != null && classes.contains(l1.toString());
            if (!farmland && !landuse) {
                continue;
            }
            Geometry overlap = overlap(project.geometry(), parcel.geometry());
            if (overlap.isEmpty()) {
                continue; // the site only touches the parcel's edge
            }
            double length = overlap.getDimension() == 1 ? GroundMeasure.lengthM(overlap) : 0;
            conflicts.add(new Conflict(parcel, farmland, landuse, overlap, GroundMeasure.areaM2(overlap), length));
        }
        return new ProjectCompliance(project, List.copyOf(conflicts));
    }

    /** The part of the parcel the site takes: see the class comment. */
    static Geometry overlap(Geometry site, Geometry parcel) {
        Geometry result =
                switch (site.getDimension()) {
                    case 0 -> parcel;
                    case 1 -> {
                        Geometry lines = OverlayNGRobust.overlay(site, parcel, OverlayNG.INTERSECTION);
                        yield site.getFactory().buildGeometry(LineStringExtracter.getLines(lines));
                    }
                    default -> {
                        List<Polygon> polygons = new ArrayList<>();
                        PolygonExtracter.getPolygons(
                                OverlayNGRobust.overlay(site, parcel, OverlayNG.INTERSECTION), polygons);
                        yield site.getFactory().createMultiPolygon(polygons.toArray(Polygon[]::new));
                    }
                };
        result.setSRID(4326);
        return result;
    }
}
