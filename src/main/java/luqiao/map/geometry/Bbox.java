package luqiao.map.geometry;

import org.locationtech.jts.geom.Envelope;

/** A lon/lat rectangle in WGS 84 (CRS84 axis order), checked when parsed. */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {

    /**
     * Parses {@code minLon,minLat,maxLon,maxLat}. Rejects a box over the antimeridian
     * (minLon greater than maxLon) instead of guessing: Luqiao is nowhere near it.
     */
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
            if (!Double.isFinite(v[i])) {
                throw new GeometryArgumentException(
                        parameter, parameter + " value " + (i + 1) + " is not a finite number");
            }
        }
        return checked(parameter, v[0], v[1], v[2], v[3]);
    }

    /** A lon/lat envelope computed from a request (e.g. a box given in another CRS), checked as {@link #parse} checks. */
    public static Bbox of(String parameter, Envelope e) {
        double[] v = {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
        for (int i = 0; i < 4; i++) {
            if (!Double.isFinite(v[i])) {
                throw new GeometryArgumentException(
                        parameter, parameter + " value " + (i + 1) + " is not a finite number");
            }
        }
        return checked(parameter, v);
    }

    private static Bbox checked(String parameter, double... v) {
        LonLat.check(parameter, parameter, v[0], v[1]);
        LonLat.check(parameter, parameter, v[2], v[3]);
        if (v[0] > v[2]) {
            throw new GeometryArgumentException(
                    parameter,
                    parameter
                            + " minLon is greater than maxLon (inverted, or crossing the antimeridian, which is not supported)");
        }
        if (v[1] > v[3]) {
            throw new GeometryArgumentException(parameter, parameter + " minLat is greater than maxLat (inverted box)");
        }
        return new Bbox(v[0], v[1], v[2], v[3]);
    }
}
