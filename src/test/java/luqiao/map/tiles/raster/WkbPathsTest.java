package luqiao.map.tiles.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileGrid;
import luqiao.map.tiles.WebMercator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

/** WKB straight into tile pixels: every WKB flavour the databases return lands where the tile grid says. */
class WkbPathsTest {

    private static final TileCoord TILE = TileCoord.of(14, 13717, 6834);
    private final WkbPaths paths = new WkbPaths(TileGrid.WEB_MERCATOR, TILE, 256);
    private final Envelope tile = WebMercator.lonLat(TILE, 0);

    @Test
    void polygonsInEveryByteOrderAndDimensionFillTheSamePixels() throws Exception {
        // The tile's south-west quarter, as a multipolygon with a hole: pixels 0-128 across, 128-256 down.
        double midX = WebMercator.lon((WebMercator.x(tile.getMinX()) + WebMercator.x(tile.getMaxX())) / 2);
        double midY = WebMercator.lat((WebMercator.y(tile.getMinY()) + WebMercator.y(tile.getMaxY())) / 2);
        String ring = String.format(
                "%s %s, %s %s, %s %s, %s %s, %s %s",
                tile.getMinX(),
                tile.getMinY(),
                midX,
                tile.getMinY(),
                midX,
                midY,
                tile.getMinX(),
                midY,
                tile.getMinX(),
                tile.getMinY());
        Geometry quarter = new WKTReader().read("MULTIPOLYGON (((" + ring + ")))");
        quarter.setSRID(4326);
        Geometry withZ = new WKTReader().read("MULTIPOLYGON Z (((" + ring.replace(",", " 7,") + " 7)))");
        withZ.setSRID(4326);

        for (byte[] wkb : List.of(
                new WKBWriter(2, ByteOrderValues.BIG_ENDIAN).write(quarter),
                new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(quarter),
                new WKBWriter(3, ByteOrderValues.LITTLE_ENDIAN, true).write(withZ))) {
            Path2D.Double path = new Path2D.Double();
            List<Point2D> points = new ArrayList<>();

            assertThat(paths.append(wkb, path, points)).as("polygonal").isTrue();

            Rectangle2D bounds = path.getBounds2D();
            assertThat(bounds.getMinX()).isCloseTo(0, within(1e-6));
            assertThat(bounds.getMaxX()).isCloseTo(128, within(1e-6));
            assertThat(bounds.getMinY()).isCloseTo(128, within(1e-6));
            assertThat(bounds.getMaxY()).isCloseTo(256, within(1e-6));
            assertThat(path.contains(64, 192)).isTrue();
            assertThat(path.contains(192, 64)).isFalse();
            assertThat(points).isEmpty();
        }
    }

    @Test
    void aGeographicTileMapsLongitudeAndLatitudeLinearlyOntoItsPixels() throws Exception {
        // CGCS2000 level 14, the tile of 121.42E 28.56N: 360/2^14 degrees both ways, from (-180, 90).
        double size = 360.0 / (1 << 14);
        TileCoord tile = TileCoord.of(14, (int) ((121.42 + 180) / size), (int) ((90 - 28.56) / size));
        WkbPaths geographic = new WkbPaths(TileGrid.CGCS2000_GEOGRAPHIC, tile, 256);
        double west = -180 + tile.x() * size;
        double north = 90 - tile.y() * size;
        List<Point2D> points = new ArrayList<>();
        Geometry quarters = new WKTReader()
                .read(String.format(
                        "MULTIPOINT ((%s %s), (%s %s))",
                        west + size / 4, north - size / 2, west + size, north - size * 3 / 4));

        geographic.append(new WKBWriter().write(quarters), new Path2D.Double(), points);

        assertThat(points.get(0).getX()).isCloseTo(64, within(1e-6));
        assertThat(points.get(0).getY())
                .as("half way down in degrees is half way down the tile")
                .isCloseTo(128, within(1e-6));
        assertThat(points.get(1).getX()).isCloseTo(256, within(1e-6));
        assertThat(points.get(1).getY()).isCloseTo(192, within(1e-6));
    }

    @Test
    void pointsAreCollectedAndLinesAreNotPolygonal() throws Exception {
        Path2D.Double path = new Path2D.Double();
        List<Point2D> points = new ArrayList<>();
        Geometry mixed = new WKTReader()
                .read(String.format(
                        "GEOMETRYCOLLECTION (POINT (%s %s), LINESTRING (%s %s, %s %s))",
                        tile.getMinX(),
                        tile.getMaxY(),
                        tile.getMinX(),
                        tile.getMinY(),
                        tile.getMaxX(),
                        tile.getMaxY()));

        assertThat(paths.append(new WKBWriter().write(mixed), path, points))
                .as("polygonal")
                .isFalse();

        assertThat(points).hasSize(1);
        assertThat(points.get(0).getX()).isCloseTo(0, within(1e-6));
        assertThat(points.get(0).getY()).isCloseTo(0, within(1e-6));
        Rectangle2D line = path.getBounds2D();
        assertThat(line.getWidth()).isCloseTo(256, within(1e-6));
        assertThat(line.getHeight()).isCloseTo(256, within(1e-6));
    }
}
