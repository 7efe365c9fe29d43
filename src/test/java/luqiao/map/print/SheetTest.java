package luqiao.map.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import luqiao.map.tiles.raster.MapView;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The sheet's arithmetic: round scale-bar lengths, scale ratios as maps state them, the view fitted to its frame. */
class SheetTest {

    @Test
    void theScaleBarIsTheLargestRoundLengthThatFits() {
        assertThat(Sheet.roundLength(7300)).isEqualTo(5000);
        assertThat(Sheet.roundLength(4999)).isEqualTo(2000);
        assertThat(Sheet.roundLength(1999)).isEqualTo(1000);
        assertThat(Sheet.roundLength(130)).isEqualTo(100);
        assertThat(Sheet.roundLength(25)).isEqualTo(20);
    }

    @Test
    void theRatioKeepsThreeSignificantDigits() {
        assertThat(Sheet.roundRatio(47_831)).isEqualTo(47_800);
        assertThat(Sheet.roundRatio(165_234.9)).isEqualTo(165_000);
        assertThat(Sheet.roundRatio(987)).isEqualTo(987);
    }

    @Test
    void theViewShowsTheWholeBoxCentredInTheFramesProportions() {
        Envelope box = new Envelope(121.30, 121.60, 28.45, 28.65);
        MapView view = MapView.fit(box, 3000, 1000, 300 / 96.0);
        assertThat(view.projected().getWidth() / view.projected().getHeight()).isCloseTo(3.0, within(1e-9));
        Envelope shown = view.lonLat(0);
        Envelope roundedOut = new Envelope(shown);
        roundedOut.expandBy(1e-9); // the box's own edges come back through the projection within rounding
        assertThat(roundedOut.contains(box)).isTrue();
        assertThat(shown.centre().getX()).isCloseTo(box.centre().getX(), within(1e-9));
        // A wide frame: the box's height fills it, and the sides grow.
        assertThat(shown.getMinY()).isCloseTo(box.getMinY(), within(1e-9));
        assertThat(shown.getWidth()).isGreaterThan(box.getWidth());
    }
}
