package luqiao.map.store.overviews;

import java.util.OptionalInt;

/**
 * The zooms a layer's overviews are built for, and their visibility rule: a parcel is drawn (part of its group's
 * geometry) at zoom z when its ground area is at least {@code minAreaPixels} pixels² of that zoom, a pixel measured
 * at {@code latitude} (the layer's extent centre when the levels were built).
 */
public record OverviewLevels(int minZoom, int maxZoom, double latitude, double minAreaPixels) {

    /** The sphere radius of Web Mercator (EPSG:3857), the WGS 84 semi-major axis. */
    static final double RADIUS = 6378137.0;
    /** Overview zooms stop here at the latest, whatever the sizes say (a cell at z + 2 still fits an int). */
    static final int MAX_ZOOM = 20;

    public boolean includes(int z) {
        return z >= minZoom && z <= maxZoom;
    }

    /** The smallest ground area (m²) drawn at zoom z: the thinning rule of the tiles. */
    double minAreaM2(int z) {
        double pixel = pixelMetres(z, latitude);
        return minAreaPixels * pixel * pixel;
    }

    /** A quarter pixel at zoom z in degrees (of latitude, the shorter side of a Mercator pixel): the simplification tolerance. */
    double toleranceDegrees(int z) {
        return 360.0 / (256.0 * (1L << z)) * Math.cos(Math.toRadians(latitude)) / 4;
    }

    /** Ground metres of one pixel of a 256-px tile at zoom z and a latitude: 2πR·cos φ / (256·2^z). */
    static double pixelMetres(int z, double latitude) {
        return 2 * Math.PI * RADIUS * Math.cos(Math.toRadians(latitude)) / (256.0 * (1L << z));
    }

    /**
     * The highest overview zoom for a layer whose median feature has {@code medianAreaM2}: the largest z at which
     * the median feature's side (√area) is under two pixels, at most {@link #MAX_ZOOM}; empty when even
     * {@code minZoom} is too fine (a layer of few large features: zones, project sites).
     */
    static OptionalInt cut(double medianAreaM2, double latitude, int minZoom) {
        double side = Math.sqrt(medianAreaM2);
        for (int z = MAX_ZOOM; z >= minZoom; z--) {
            if (side < 2 * pixelMetres(z, latitude)) {
                return OptionalInt.of(z);
            }
        }
        return OptionalInt.empty();
    }
}
