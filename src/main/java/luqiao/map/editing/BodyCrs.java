package luqiao.map.editing;

import java.util.function.UnaryOperator;
import luqiao.map.geometry.Crs;
import org.locationtech.jts.geom.Geometry;

/**
 * How to read the coordinates of a request body: their CRS, and how to bring them into the server's
 * x-east, y-north order. The editing API takes every CRS x east; OGC API – Features (Part 2, and Part 4
 * for bodies) speaks each CRS in its authority's axis order, so its caller swaps where the authority
 * lists north first.
 *
 * @param toEastNorth the body's geometry (as parsed) with x east and y north
 * @param axisOrder   the order the body's coordinates are expected in, as told to a client whose positions
 *                    fall outside the district
 */
public record BodyCrs(Crs crs, UnaryOperator<Geometry> toEastNorth, String axisOrder) {

    /** GeoJSON's default: CRS84, longitude first. */
    public static final BodyCrs CRS84 = eastNorth(Crs.CRS84);

    /** Coordinates in {@code crs}, x east. */
    public static BodyCrs eastNorth(Crs crs) {
        return new BodyCrs(crs, UnaryOperator.identity(), "x east and y north");
    }

    /**
     * The CRS a {@code Content-Crs} header names, {@code <uri>} as Part 2 writes it or a bare name; CRS84
     * without the header; a 400 naming {@code Content-Crs} when the server does not support it.
     */
    public static Crs contentCrs(String header) {
        if (header == null) {
            return Crs.CRS84;
        }
        String name = header.strip();
        return Crs.of(
                "Content-Crs",
                name.startsWith("<") && name.endsWith(">") ? name.substring(1, name.length() - 1) : name);
    }
}
