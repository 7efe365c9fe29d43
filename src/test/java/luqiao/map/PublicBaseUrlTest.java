package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue #13: with {@code luqiao.public-base-url} set, every link the server builds (OGC API links, the
 * feature API's paging links, TileJSON tile URLs, the map style's source) starts with it, whatever Host or X-Forwarded-Host
 * the request carries, even from a trusted proxy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "luqiao.public-base-url=https://map.luqiao.gov.cn",
            "luqiao.security.trusted-proxies=127.0.0.0/8",
            "luqiao.seed.enabled=false"
        })
class PublicBaseUrlTest {

    static final String BASE = "https://map.luqiao.gov.cn";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "baseurl-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Test
    void linksStartWithThePublicBaseUrlWhateverHostTheRequestNames() {
        for (String[] headers :
                new String[][] {{}, {"X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http"}}) {
            RawHttp caller = new RawHttp(port, "127.0.0.1");
            JsonNode landing = caller.get("/ogc", headers).json();
            assertThat(landing.path("links")
                            .valueStream()
                            .map(l -> l.path("href").asString())
                            .toList())
                    .isNotEmpty()
                    .allSatisfy(href -> assertThat(href).startsWith(BASE + "/ogc"));
            JsonNode items =
                    caller.get("/ogc/collections/zones/items?limit=1", headers).json();
            assertThat(items.path("links")
                            .valueStream()
                            .map(l -> l.path("href").asString())
                            .toList())
                    .isNotEmpty()
                    .allSatisfy(href -> assertThat(href).startsWith(BASE + "/ogc/collections/zones"));
            assertThat(caller.get("/tiles/all.json", headers)
                            .json()
                            .path("tiles")
                            .get(0)
                            .asString())
                    .isEqualTo(BASE + "/tiles/all/{z}/{x}/{y}.mvt");
            assertThat(caller.get("/tiles/all.json", headers)
                            .json()
                            .path("links")
                            .get(0)
                            .path("href")
                            .asString())
                    .isEqualTo(BASE + "/styles/luqiao.json");
            assertThat(caller.get("/styles/luqiao.json", headers)
                            .json()
                            .path("sources")
                            .path("luqiao")
                            .path("url")
                            .asString())
                    .isEqualTo(BASE + "/tiles/all.json");
            assertThat(caller.get("/api/zones?limit=1", headers).text())
                    .contains(BASE + "/api/zones")
                    .doesNotContain("evil.example");
        }
    }
}
