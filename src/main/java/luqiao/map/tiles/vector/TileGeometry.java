package luqiao.map.tiles.vector;

import java.util.ArrayList;
import java.util.List;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileSettings;
import luqiao.map.tiles.WebMercator;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Turns a lon/lat geometry into MVT tile space the way PostGIS {@code ST_AsMVTGeom} does: project
 * to Web Mercator, scale to the tile's integer grid (y down), clip to the tile grown by the buffer,
 * simplify below the grid's resolution and snap to it. Used by the Java encoder and, with a pixel
 * extent, by the raster renderer.
 */
public final class TileGeometry {

    /** Half a grid unit: what snapping to the integer grid loses anyway, so simplifying by it costs nothing visible. */
    private static final double SIMPLIFY_TOLERANCE = 0.5;

    private static final GeometryFactory GRID = new GeometryFactory(new PrecisionModel(1.0));

    private final double minX;
    private final double maxY;
    private final double scale;
    private final Envelope clip;

    /** Tile space of {@code tile} with {@code extent} units across and {@code buffer} units of margin. */
    public TileGeometry(TileCoord tile, int extent, int buffer) {
        Envelope e = WebMercator.projected(tile, 0);
        this.minX = e.getMinX();
        this.maxY = e.getMaxY();
        this.scale = extent / e.getWidth();
        this.clip = new Envelope(-buffer, extent + buffer, -buffer, extent + buffer);
    }

    public static TileGeometry mvt(TileCoord tile, TileSettings settings) {
        return new TileGeometry(tile, TileSettings.EXTENT, settings.buffer());
    }

    /** The geometry in tile units, unsnapped (for drawing, where sub-pixel positions anti-alias). */
    public Geometry project(Geometry lonLat) {
        Geometry g = lonLat.copy();
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, (WebMercator.x(seq.getX(i)) - minX) * scale);
                seq.setOrdinate(i, 1, (maxY - WebMercator.y(seq.getY(i))) * scale);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return g;
    }

    /** The part of a tile-space geometry inside the buffered tile; empty when nothing is. */
    public Geometry clip(Geometry tileSpace) {
        if (clip.contains(tileSpace.getEnvelopeInternal())) {
            return tileSpace;
        }
        if (!clip.intersects(tileSpace.getEnvelopeInternal())) {
            return tileSpace.getFactory().createEmpty(tileSpace.getDimension());
        }
        return OverlayNGRobust.overlay(tileSpace, tileSpace.getFactory().toGeometry(clip), OverlayNG.INTERSECTION);
    }

    /** The MVT geometry of a lon/lat geometry: clipped, simplified, on the integer grid; empty when it collapses. */
    public Geometry encode(Geometry lonLat) {
        Geometry g = clip(project(lonLat));
        if (g.isEmpty()) {
            return g;
        }
        if (g instanceof Polygonal || g instanceof Lineal) {
            g = DouglasPeuckerSimplifier.simplify(g, SIMPLIFY_TOLERANCE);
        }
        if (!(g instanceof Puntal || g instanceof Lineal || g instanceof Polygonal)) {
            // A clip can leave a mixed collection (a polygon touching the edge in a line); keep its
            // highest dimension, as ST_AsMVTGeom does.
            g = highestDimension(g);
        }
        return GeometryPrecisionReducer.reduce(g, GRID.getPrecisionModel());
    }

    private static Geometry highestDimension(Geometry g) {
        int dimension = g.getDimension();
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i).getDimension() == dimension) {
                parts.add(g.getGeometryN(i));
            }
        }
        return g.getFactory().buildGeometry(parts);
    }
}
