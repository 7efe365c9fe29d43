package luqiao.map.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;

class WebMercatorQuadTest {

    /**
     * The limits hold exactly the tiles that draw the data: along each edge of the limits, two tiles either
     * side, a tile is inside the limits if and only if {@link TileCoord#touches} says it meets the envelope.
     */
    @ParameterizedTest
    @CsvSource({
        "121.315, 121.6458, 28.468, 28.604, 0.015625",
        "121.42, 121.42, 28.56, 28.56, 0.015625",
        "121.0, 122.0, 28.0, 29.0, 0",
        "-180, 180, -85.05, 85.05, 0.015625"
    })
    void limitsHoldTheTilesThatTouchTheEnvelope(double west, double east, double south, double north, double margin) {
        Envelope data = new Envelope(west, east, south, north);
        List<WebMercatorQuad.Limits> limits = WebMercatorQuad.limits(data, margin);
        assertThat(limits).hasSize(TileCoord.MAX_ZOOM + 1);
        for (int z : new int[] {0, 3, 10, 14, 18}) {
            WebMercatorQuad.Limits l = limits.get(z);
            assertThat(l.tileMatrix()).isEqualTo(z);
            long last = (1L << z) - 1;
            for (long y : edges(l.minTileRow(), l.maxTileRow(), last)) {
                for (long x : edges(l.minTileCol(), l.maxTileCol(), last)) {
                    TileCoord tile = TileCoord.of(z, (int) x, (int) y);
                    assertThat(l.contains(tile)).as("%s", tile).isEqualTo(tile.touches(data, margin));
                }
            }
        }
    }

    /** The indexes within two of either limit that exist in the grid. */
    private static List<Long> edges(long min, long max, long last) {
        return java.util.stream.LongStream.rangeClosed(-2, 2)
                .flatMap(d -> java.util.stream.LongStream.of(min + d, max + d))
                .filter(i -> i >= 0 && i <= last)
                .distinct()
                .boxed()
                .toList();
    }

    @Test
    void aTileOfAnotherZoomIsNotWithinTheLimits() {
        List<WebMercatorQuad.Limits> limits = WebMercatorQuad.limits(new Envelope(-180, 180, -85, 85), 0);
        assertThat(limits.get(3).contains(TileCoord.of(4, 0, 0))).isFalse();
        assertThat(limits.get(4).contains(TileCoord.of(4, 0, 0))).isTrue();
    }
}
