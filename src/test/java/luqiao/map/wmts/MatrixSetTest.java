package luqiao.map.wmts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import luqiao.map.tiles.TileGrid;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The tile matrix sets as WMTS clients read them back. */
class MatrixSetTest {

    /** Luqiao District, lon/lat. */
    private static final Envelope DISTRICT = new Envelope(121.2875, 121.6671, 28.4469, 28.6449);

    @Test
    void googleMapsCompatibleHasTheWellKnownScaleSetsDenominators() {
        MatrixSet m = MatrixSet.GOOGLE_MAPS_COMPATIBLE;
        // OGC 07-057r7, Annex E.4 (GoogleMapsCompatible): level 0 and level 18.
        assertThat(m.scaleDenominator(0)).isCloseTo(559082264.0287178, within(1e-6));
        assertThat(m.scaleDenominator(18)).isCloseTo(2132.729583849784, within(1e-9));
        assertThat(m.topLeftCorner()).isEqualTo("-2.0037508342789244E7 2.0037508342789244E7");
        assertThat(m.minZoom()).isZero();
        assertThat(m.maxZoom()).isEqualTo(22);
    }

    @Test
    void cgcs2000HasTiandituLayoutWithTheStandardsScaleDenominators() {
        MatrixSet m = MatrixSet.CGCS2000;
        assertThat(m.minZoom()).isEqualTo(1);
        assertThat(m.grid().matrixWidth(1)).isEqualTo(2);
        assertThat(m.grid().matrixHeight(1)).isEqualTo(1);
        assertThat(m.grid().matrixWidth(18)).isEqualTo(262144);
        assertThat(m.grid().matrixHeight(18)).isEqualTo(131072);
        assertThat(m.topLeftCorner()).as("EPSG:4490 is latitude first").isEqualTo("90.0 -180.0");
        assertThat(m.corner(121.5, 28.5)).isEqualTo("28.5 121.5");
        // A client turns the denominator back into degrees per pixel (GDAL: scale × 0.28 mm / metres per degree):
        // 180° over 256 pixels at level 1.
        for (int z = 1; z <= 22; z++) {
            double degreesPerPixel = m.scaleDenominator(z) * MatrixSet.PIXEL_METRES / TileGrid.METRES_PER_DEGREE;
            assertThat(degreesPerPixel).isCloseTo(180.0 / 256 / (1L << (z - 1)), within(1e-15));
        }
        // Tianditu states the same tiles for 96-dpi pixels (0.0254 / 96 m): 2.958293554545656E8 at level 1.
        assertThat(m.scaleDenominator(1) * MatrixSet.PIXEL_METRES / (0.0254 / 96))
                .isCloseTo(2.958293554545656E8, within(1e-3));
    }

    @Test
    void theLimitsHoldTheDistrictWithAMarginAndEndNoWhereAtIndexZero() {
        MatrixSet.Limits google =
                MatrixSet.GOOGLE_MAPS_COMPATIBLE.limits(DISTRICT, 14).orElseThrow();
        // 121.42E 28.56N lies in tile 14/13717/6834 (TileCoordTest).
        assertThat(google.minCol()).isLessThanOrEqualTo(13717);
        assertThat(google.maxCol()).isGreaterThanOrEqualTo(13717);
        assertThat(google.minRow()).isLessThanOrEqualTo(6834);
        assertThat(google.maxRow()).isGreaterThanOrEqualTo(6834);
        assertThat(google.maxCol() - google.minCol()).isBetween(16L, 20L);

        MatrixSet.Limits geographic = MatrixSet.CGCS2000.limits(DISTRICT, 14).orElseThrow();
        double size = 360.0 / (1 << 14);
        assertThat(geographic.minCol()).isEqualTo((long) Math.floor((121.2875 + 180) / size));
        assertThat(geographic.maxRow()).isEqualTo((long) Math.floor((90 - 28.4469) / size));

        // At CGCS2000 level 2 the district is in row 0; the schema has no MaxTileRow 0, so rows 0-1 are given.
        MatrixSet.Limits coarse = MatrixSet.CGCS2000.limits(DISTRICT, 2).orElseThrow();
        assertThat(coarse.minRow()).isZero();
        assertThat(coarse.maxRow()).isEqualTo(1);
        assertThat(MatrixSet.CGCS2000.limits(DISTRICT, 1))
                .as("one row: no limits")
                .isEmpty();
        assertThat(MatrixSet.GOOGLE_MAPS_COMPATIBLE.limits(DISTRICT, 0))
                .as("one tile: no limits")
                .isEmpty();
    }
}
