package luqiao.map.tiles.raster;

import luqiao.map.tiles.WebMercator;
import org.locationtech.jts.geom.Envelope;

/**
 * A view to draw: a Web Mercator rectangle ({@code projected}, metres) shown on {@code width} ×
 * {@code height} device pixels with square pixels, at {@code pixelRatio} device pixels per CSS pixel
 * (1 for a 256-px tile; 300/96 on paper at 300 dpi), which sizes strokes, symbols and labels.
 */
public record MapView(Envelope projected, int width, int height, double pixelRatio) {

    public MapView {
        if (width <= 0 || height <= 0 || projected.getWidth() <= 0 || projected.getHeight() <= 0) {
            throw new IllegalArgumentException("an empty view: " + projected + " on " + width + " x " + height);
        }
    }

    /**
     * The view of {@code lonLat} on {@code width} × {@code height} pixels: the box's centre in the middle,
     * the box grown on its short side to the pixels' proportions, so all of it is shown without distortion.
     */
    public static MapView fit(Envelope lonLat, int width, int height, double pixelRatio) {
        double minX = WebMercator.x(lonLat.getMinX());
        double maxX = WebMercator.x(lonLat.getMaxX());
        double minY = WebMercator.y(lonLat.getMinY());
        double maxY = WebMercator.y(lonLat.getMaxY());
        double metresPerPixel = Math.max((maxX - minX) / width, (maxY - minY) / height);
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        double halfW = metresPerPixel * width / 2;
        double halfH = metresPerPixel * height / 2;
        return new MapView(new Envelope(cx - halfW, cx + halfW, cy - halfH, cy + halfH), width, height, pixelRatio);
    }

    /** The view in lon/lat, grown on every side by {@code margin} (a fraction of its width and height). */
    public Envelope lonLat(double margin) {
        Envelope p = new Envelope(projected);
        p.expandBy(projected.getWidth() * margin, projected.getHeight() * margin);
        return new Envelope(
                WebMercator.lon(Math.max(-WebMercator.HALF_WORLD, p.getMinX())),
                WebMercator.lon(Math.min(WebMercator.HALF_WORLD, p.getMaxX())),
                WebMercator.lat(p.getMinY()),
                WebMercator.lat(p.getMaxY()));
    }

    /** The latitude of the view's centre. */
    public double centreLatitude() {
        return WebMercator.lat(projected.centre().getY());
    }

    /** Ground metres one device pixel spans at the view's centre (Mercator stretches them away from the equator). */
    public double groundMetresPerPixel() {
        return projected.getWidth() / width * WebMercator.groundScale(centreLatitude());
    }

    /** The web map's zoom level that shows this much ground per CSS pixel (fractional). */
    public double zoom() {
        double metresPerCssPixel = projected.getWidth() / width * pixelRatio;
        return Math.log(2 * WebMercator.HALF_WORLD / (256 * metresPerCssPixel)) / Math.log(2);
    }
}
