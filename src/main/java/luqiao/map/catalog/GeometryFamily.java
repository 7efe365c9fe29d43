package luqiao.map.catalog;

import org.locationtech.jts.geom.Geometry;

/**
 * One kind of geometry with its multi-part form: points (and multipoints), lines, polygons. A
 * family is the OGC topological dimension (0, 1, 2), which PostGIS and H2GIS report alike with
 * {@code ST_Dimension} and JTS with {@link Geometry#getDimension()}, so every geometry is in exactly
 * one family and the families of a layer add up to the whole layer.
 *
 * <p>Why it exists: desktop clients such as QGIS type a layer with one geometry type, taken from its
 * first features; a layer that mixes points, lines and polygons (projects) is served per family as
 * well, so each family can be loaded as a layer of its own.
 */
public enum GeometryFamily {
    POINTS(0),
    LINES(1),
    POLYGONS(2);

    private final int dimension;

    GeometryFamily(int dimension) {
        this.dimension = dimension;
    }

    /** The OGC dimension of the family's geometries, as {@code ST_Dimension} returns it. */
    public int dimension() {
        return dimension;
    }

    /** Whether the geometry is of this family. */
    public boolean holds(Geometry geometry) {
        return geometry.getDimension() == dimension;
    }
}
