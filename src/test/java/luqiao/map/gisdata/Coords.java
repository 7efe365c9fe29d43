package luqiao.map.gisdata;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.GeometryTransformer;

/**
 * Coordinate helpers shared by the generator and the test.
 *
 * <p>Two jobs: (1) undo the GCJ-02 offset of the Chinese web-map sources, (2) give a local metric
 * frame so that all geometry work (grids, buffers, areas) happens in metres, not degrees.
 */
public final class Coords {

    private Coords() {}

    // ---- local metric frame --------------------------------------------------------------------

    /** Origin of the local frame: roughly the middle of the district. */
    public static final double LON0 = 121.40;

    public static final double LAT0 = 28.55;

    // WGS 84 ellipsoid.
    private static final double A = 6378137.0;
    private static final double E2 = 6.69437999014e-3;

    /**
     * Metres per degree at latitude {@code lat}: M (meridian radius) north-south, N cos(lat) east-west.
     * Using the ellipsoid radii (not a sphere) keeps the local scale exact at the origin.
     */
    public static double metresPerDegLat(double latDeg) {
        double s = Math.sin(Math.toRadians(latDeg));
        double m = A * (1 - E2) / Math.pow(1 - E2 * s * s, 1.5);
        return m * Math.PI / 180.0;
    }

    public static double metresPerDegLon(double latDeg) {
        double s = Math.sin(Math.toRadians(latDeg));
        double n = A / Math.sqrt(1 - E2 * s * s);
        return n * Math.cos(Math.toRadians(latDeg)) * Math.PI / 180.0;
    }

    private static final double KX = metresPerDegLon(LAT0);
    private static final double KY = metresPerDegLat(LAT0);

    /** lon/lat → local metres (equirectangular around LON0/LAT0). */
    public static Coordinate toLocal(double lon, double lat) {
        return new Coordinate((lon - LON0) * KX, (lat - LAT0) * KY);
    }

    /** local metres → lon/lat. */
    public static Coordinate toLonLat(double x, double y) {
        return new Coordinate(LON0 + x / KX, LAT0 + y / KY);
    }

    public static Geometry toLocal(Geometry lonLat) {
        return transform(lonLat, true);
    }

    public static Geometry toLonLat(Geometry local) {
        return transform(local, false);
    }

    private static Geometry transform(Geometry g, boolean forward) {
        GeometryTransformer t = new GeometryTransformer() {
            @Override
            protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                    org.locationtech.jts.geom.CoordinateSequence seq, Geometry parent) {
                Coordinate[] out = new Coordinate[seq.size()];
                for (int i = 0; i < seq.size(); i++) {
                    out[i] = forward ? toLocal(seq.getX(i), seq.getY(i)) : toLonLat(seq.getX(i), seq.getY(i));
                }
                return factory.getCoordinateSequenceFactory().create(out);
            }
        };
        return t.transform(g);
    }

    public static final GeometryFactory GF = new GeometryFactory();

    // ---- GCJ-02 → WGS 84 ----------------------------------------------------------------------

    // Krasovsky 1940 ellipsoid constants used by the published GCJ-02 ("eviltransform") formula.
    private static final double GCJ_A = 6378245.0;
    private static final double GCJ_EE = 0.00669342162296594323;

    /** The published forward WGS 84 → GCJ-02 transform (valid inside China). */
    public static double[] wgsToGcj(double lon, double lat) {
        double dLat = transformLat(lon - 105.0, lat - 35.0);
        double dLon = transformLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - GCJ_EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (GCJ_A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    /**
     * GCJ-02 → WGS 84 by fixed-point iteration on the forward formula: the offset varies slowly, so
     * a few steps converge to well below a centimetre (the source data itself is only good to metres).
     */
    public static double[] gcjToWgs(double lon, double lat) {
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < 30; i++) {
            double[] g = wgsToGcj(wLon, wLat);
            double dLon = g[0] - lon;
            double dLat = g[1] - lat;
            wLon -= dLon;
            wLat -= dLat;
            if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) {
                break;
            }
        }
        return new double[] {wLon, wLat};
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }

    /** Converts every coordinate of a GCJ-02 geometry to WGS 84. */
    public static Geometry gcjToWgs(Geometry g) {
        GeometryTransformer t = new GeometryTransformer() {
            @Override
            protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                    org.locationtech.jts.geom.CoordinateSequence seq, Geometry parent) {
                Coordinate[] out = new Coordinate[seq.size()];
                for (int i = 0; i < seq.size(); i++) {
                    double[] w = gcjToWgs(seq.getX(i), seq.getY(i));
                    out[i] = new Coordinate(w[0], w[1]);
                }
                return factory.getCoordinateSequenceFactory().create(out);
            }
        };
        return t.transform(g);
    }
}
