package luqiao.map.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import luqiao.map.catalog.Audience;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The URLs the cached tiles are answered for ahead of the security chain: plain XYZ tile URLs only; everything else
 * is left to the normal path, which answers it or tells what is wrong.
 */
class CachedTileFilterTest {

    @Test
    void plainTileUrlsNameThePublicTile() {
        assertThat(CachedTileFilter.publicTile("/tiles/parcels/14/13717/6834.mvt", ""))
                .isEqualTo(new TileRequest(
                        TileSet.PARCELS, TileCoord.of(14, 13717, 6834), TileFormat.MVT, Audience.PUBLIC));
        assertThat(CachedTileFilter.publicTile("/tiles/all/0/0/0.png", ""))
                .isEqualTo(new TileRequest(TileSet.ALL, TileCoord.of(0, 0, 0), TileFormat.PNG, Audience.PUBLIC));
        assertThat(CachedTileFilter.publicTile("/map/tiles/zones/22/4194303/0@2x.png", "/map"))
                .isEqualTo(new TileRequest(
                        TileSet.ZONES, TileCoord.of(22, 4194303, 0), TileFormat.PNG_2X, Audience.PUBLIC));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/tiles/parcels.json",
                "/tiles/parcels/14/13717.mvt",
                "/tiles/parcels/14/13717/6834/1.mvt",
                "/tiles/parcels/14/13717/6834.mvt/",
                "/tiles/parcels/14/13717/6834.pbf",
                "/tiles/parcels/14/13717/.mvt",
                "/tiles/Parcels/14/13717/6834.mvt",
                "/tiles/roads/14/13717/6834.mvt",
                "/tiles//14/13717/6834.mvt",
                "/tiles/parcels/14/16384/6834.mvt",
                "/tiles/parcels/23/0/0.mvt",
                "/tiles/parcels/+14/13717/6834.mvt",
                "/tiles/parcels/14/-1/6834.mvt",
                "/tiles/parcels/14/13717/6834;jsessionid=x.mvt",
                "/tiles/parcels/14/1371%37/6834.mvt",
                "/tiles/parcels/14/13717/99999999999.mvt",
                "/tiles/parcels/../parcels/14/13717/6834.mvt",
                "/ogc/tiles/WebMercatorQuad/14/6834/13717"
            })
    void anyOtherUrlIsLeftToTheNormalPath(String uri) {
        assertThat(CachedTileFilter.publicTile(uri, "")).isNull();
    }

    @Test
    void aUrlOutsideTheContextPathIsLeftToo() {
        assertThat(CachedTileFilter.publicTile("/tiles/parcels/14/13717/6834.mvt", "/map"))
                .isNull();
    }
}
