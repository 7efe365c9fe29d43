package luqiao.map.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import luqiao.map.web.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;

class TileCoordTest {

    @ParameterizedTest(name = "{0}/{1}/{2} is refused, naming {3}")
    @CsvSource({"-1,0,0,z", "23,0,0,z", "0,1,0,x", "0,0,1,y", "5,32,0,x", "5,0,-1,y", "22,4194304,0,x"})
    void tilesOutsideTheGridAreRefused(int z, int x, int y, String parameter) {
        assertThatThrownBy(() -> TileCoord.of(z, x, y))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e ->
                        assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void theLastTileOfTheDeepestZoomExists() {
        assertThat(TileCoord.of(22, 4194303, 4194303)).hasToString("22/4194303/4194303");
    }

    @Test
    void theWorldTileSpansTheWholeGrid() {
        Envelope world = WebMercator.projected(TileCoord.of(0, 0, 0), 0);
        assertThat(world.getMinX()).isCloseTo(-20037508.342789244, within(1e-6));
        assertThat(world.getMaxY()).isCloseTo(20037508.342789244, within(1e-6));
        Envelope lonLat = WebMercator.lonLat(TileCoord.of(0, 0, 0), 0);
        assertThat(lonLat.getMaxY()).isCloseTo(85.0511287798, within(1e-9));
        assertThat(lonLat.getMinX()).isCloseTo(-180, within(1e-9));
    }

    @Test
    void luqiaoLiesInTheTileTheOsmFormulaGives() {
        // OSM wiki "Slippy map tilenames": x = floor((lon+180)/360*2^z),
        // y = floor((1 - asinh(tan(lat))/pi)/2*2^z); for 121.42E 28.56N at z14 that is 13717/6834.
        Envelope e = WebMercator.lonLat(TileCoord.of(14, 13717, 6834), 0);
        assertThat(e.contains(121.42, 28.56)).isTrue();
        assertThat(e.getWidth()).isCloseTo(360.0 / (1 << 14), within(1e-12));
    }

    @Test
    void projectionRoundTrips() {
        assertThat(WebMercator.lat(WebMercator.y(28.56))).isCloseTo(28.56, within(1e-12));
        assertThat(WebMercator.lon(WebMercator.x(121.42))).isCloseTo(121.42, within(1e-12));
        // EPSG:3857 of 121.42E 28.56N, as PROJ gives it (cs2cs EPSG:4326 EPSG:3857, PROJ 9.1): 13516412.57 3319762.20
        assertThat(WebMercator.x(121.42)).isCloseTo(13516412.57, within(0.01));
        assertThat(WebMercator.y(28.56)).isCloseTo(3319762.20, within(0.01));
    }

    @Test
    void theBufferGrowsTheTileOnEverySide() {
        TileCoord t = TileCoord.of(14, 13717, 6834);
        Envelope plain = WebMercator.projected(t, 0);
        Envelope grown = WebMercator.projected(t, 64.0 / 4096);
        assertThat(grown.getWidth()).isCloseTo(plain.getWidth() * (1 + 128.0 / 4096), within(1e-6));
        assertThat(t.touches(new Envelope(121.42, 121.42, 28.56, 28.56), 0)).isTrue();
        assertThat(t.touches(new Envelope(121.5, 121.5, 28.56, 28.56), 0)).isFalse();
    }
}
