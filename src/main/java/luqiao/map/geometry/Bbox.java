package luqiao.map.geometry;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * A lon/lat rectangle in WGS 84 (CRS84 axis order), checked when parsed. A box whose west edge lies east
 * of its east edge ({@code minLon > maxLon}) crosses the antimeridian, as OGC API – Features (and
 * RFC 7946) read it: {@code 177,65,-177,70} is the 6° from 177°E over 180° to 177°W.
 */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {

    /** Parses {@code minLon,minLat,maxLon,maxLat}. */
    public static Bbox parse(String parameter, String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new GeometryArgumentException(
                    parameter,
                    parameter + " must be four numbers minLon,minLat,maxLon,maxLat; got " + parts.length + " value(s)");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new GeometryArgumentException(parameter, parameter + " value " + (i + 1) + " is not a number");
            }
        }
        return of(parameter, v[0], v[1], v[2], v[3]);
    }

    /** A lon/lat envelope computed from a request (e.g. a box given in another CRS), checked as {@link #parse} checks. */
    public static Bbox of(String parameter, Envelope e) {
        return of(parameter, e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    /** The box from its corners in lon/lat, checked as {@link #parse} checks. */
    public static Bbox of(String parameter, double minLon, double minLat, double maxLon, double maxLat) {
        double[] v = {minLon, minLat, maxLon, maxLat};
        for (int i = 0; i < 4; i++) {
            if (!Double.isFinite(v[i])) {
                throw new GeometryArgumentException(
                        parameter, parameter + " value " + (i + 1) + " is not a finite number");
            }
        }
        LonLat.check(parameter, parameter, minLon, minLat);
        LonLat.check(parameter, parameter, maxLon, maxLat);
        if (minLat > maxLat) {
            throw new GeometryArgumentException(parameter, parameter + " minLat is greater than maxLat (inverted box)");
        }
        return new Bbox(minLon, minLat, maxLon, maxLat);
    }

    /** Whether the box runs east from {@code minLon} over the antimeridian to {@code maxLon}. */
    public boolean crossesAntimeridian() {
        return minLon > maxLon;
    }

    /** The box as envelopes a spatial index can use: itself, or its two parts either side of the antimeridian. */
    public List<Envelope> envelopes() {
        return crossesAntimeridian()
                ? List.of(new Envelope(minLon, 180, minLat, maxLat), new Envelope(-180, maxLon, minLat, maxLat))
                : List.of(new Envelope(minLon, maxLon, minLat, maxLat));
    }
}
