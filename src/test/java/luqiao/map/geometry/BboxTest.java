package luqiao.map.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;

class BboxTest {

    @Test
    void parsesFourNumbersInLonLatOrder() {
        assertThat(Bbox.parse("bbox", "121.3, 28.5,121.4,28.6")).isEqualTo(new Bbox(121.3, 28.5, 121.4, 28.6));
    }

    @Test
    void aBoxWhoseWestEdgeLiesEastOfItsEastEdgeCrossesTheAntimeridianInTwoParts() {
        Bbox box = Bbox.parse("bbox", "177,65,-177,70");
        assertThat(box.crossesAntimeridian()).isTrue();
        assertThat(box.envelopes()).containsExactly(new Envelope(177, 180, 65, 70), new Envelope(-180, -177, 65, 70));
        Bbox plain = Bbox.parse("bbox", "121.3,28.5,121.4,28.6");
        assertThat(plain.crossesAntimeridian()).isFalse();
        assertThat(plain.envelopes()).containsExactly(new Envelope(121.3, 121.4, 28.5, 28.6));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1,2,3",
                "1,2,3,4,5",
                "a,2,3,4",
                "121.3,28.6,121.4,28.5",
                "121,28,181,29",
                "121,-91,122,29",
                "NaN,1,2,3",
                ""
            })
    void rejectsMalformedInvertedAndOutOfRangeBoxesNamingTheParameter(String text) {
        assertThatThrownBy(() -> Bbox.parse("bbox", text))
                .isInstanceOf(GeometryArgumentException.class)
                .hasMessageContaining("bbox")
                .extracting(e -> ((GeometryArgumentException) e).parameter())
                .isEqualTo("bbox");
    }
}
