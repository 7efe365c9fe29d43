package luqiao.map.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class TileGridTest {

    @Test
    void theWebMercatorGridIsTheXyzOne() {
        TileCoord t = TileCoord.of(14, 13717, 6834);
        assertThat(TileGrid.WEB_MERCATOR.projected(t, 0.1)).isEqualTo(WebMercator.projected(t, 0.1));
        assertThat(TileGrid.WEB_MERCATOR.lonLat(t, 0.1)).isEqualTo(WebMercator.lonLat(t, 0.1));
        assertThat(TileGrid.WEB_MERCATOR.contains(TileCoord.of(3, 7, 7))).isTrue();
    }

    @Test
    void theGeographicGridStartsWithTwoTilesOf180DegreesAtZoomOne() {
        TileGrid grid = TileGrid.CGCS2000_GEOGRAPHIC;
        assertThat(grid.lonLat(TileCoord.of(1, 0, 0), 0)).isEqualTo(new Envelope(-180, 0, -90, 90));
        assertThat(grid.lonLat(TileCoord.of(1, 1, 0), 0)).isEqualTo(new Envelope(0, 180, -90, 90));
        assertThat(grid.contains(TileCoord.of(1, 1, 0))).isTrue();
        assertThat(grid.contains(TileCoord.of(1, 1, 1))).as("one row at zoom 1").isFalse();
        assertThat(grid.contains(TileCoord.of(0, 0, 0))).as("no zoom 0").isFalse();
        assertThat(grid.contains(TileCoord.of(14, 16383, 8191))).isTrue();
        assertThat(grid.contains(TileCoord.of(14, 16383, 8192))).isFalse();

        double size = 360.0 / (1 << 14);
        TileCoord luqiao = TileCoord.of(14, (int) ((121.42 + 180) / size), (int) ((90 - 28.56) / size));
        Envelope e = grid.lonLat(luqiao, 0);
        assertThat(e.contains(121.42, 28.56)).isTrue();
        assertThat(e.getWidth()).isCloseTo(size, within(1e-12));
        assertThat(e.getHeight()).isCloseTo(size, within(1e-12));
        assertThat(grid.lonLat(luqiao, 0.25).getWidth()).isCloseTo(1.5 * size, within(1e-12));
    }

    @Test
    void aGeographicPixelCoversTheGroundAreaOfAWebMercatorPixelStretchedNorthSouth() {
        // At the same zoom both grids have as many pixels around the equator; at 28.5°N a Mercator pixel is
        // square on the ground, a geographic one 1/cos(28.5°) taller: its area is larger by that factor.
        double size = 360.0 / (1 << 14);
        TileCoord geographic = TileCoord.of(14, (int) ((121.42 + 180) / size), (int) ((90 - 28.56) / size));
        double mercator = TileGrid.WEB_MERCATOR.groundMetresPerPixel(TileCoord.of(14, 13717, 6834), 256);
        double lonLat = TileGrid.CGCS2000_GEOGRAPHIC.groundMetresPerPixel(geographic, 256);
        double cos = Math.cos(Math.toRadians(28.56));
        assertThat(lonLat * lonLat / (mercator * mercator)).isCloseTo(1 / cos, within(0.002));
    }
}
