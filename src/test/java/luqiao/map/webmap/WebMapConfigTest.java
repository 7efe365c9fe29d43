package luqiao.map.webmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebMapConfigTest {

    private static WebMapProperties properties(List<String> basemaps, String defaultBasemap, String key) {
        return new WebMapProperties(
                basemaps,
                defaultBasemap,
                key,
                "https://osm/{z}/{x}/{y}.png",
                "https://t{s}.tdt/{layer}_w/wmts?L={layer}&tk={key}",
                "https://amap/{x}/{y}/{z}");
    }

    @Test
    void tiandituIsOfferedOnlyWithAKeyWhichGoesIntoItsUrls() {
        List<String> all = List.of("none", "osm", "tianditu-vector", "tianditu-imagery", "amap");
        assertThat(WebMapConfigController.build(properties(all, "none", "")).basemaps())
                .extracting(WebMapConfigController.Basemap::id)
                .containsExactly("none", "osm", "amap");
        var config = WebMapConfigController.build(properties(all, "tianditu-imagery", "KEY1"));
        assertThat(config.defaultBasemap()).isEqualTo("tianditu-imagery");
        var imagery = config.basemaps().get(3);
        assertThat(imagery.layers())
                .extracting(WebMapConfigController.TileLayer::url)
                .containsExactly(
                        "https://t{s}.tdt/img_w/wmts?L=img&tk=KEY1", "https://t{s}.tdt/cia_w/wmts?L=cia&tk=KEY1");
    }

    @Test
    void gaodeIsGcj02AndTheOthersWgs84() {
        var config = WebMapConfigController.build(properties(List.of("amap", "osm"), "none", ""));
        assertThat(config.basemaps())
                .extracting(WebMapConfigController.Basemap::datum)
                .containsExactly("gcj02", "wgs84");
        assertThat(config.defaultBasemap())
                .as("an unoffered default falls back to the first")
                .isEqualTo("amap");
    }

    @Test
    void anUnknownBasemapIsAStartupError() {
        assertThatThrownBy(() -> WebMapConfigController.build(properties(List.of("none", "bing"), "none", "")))
                .hasMessageContaining("bing");
    }
}
