package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Anonymous clients are rate-limited (429 problem with Retry-After), cached tiles included; signed-in users are not. No proxy is
 * trusted here (the default), so {@code X-Forwarded-For} cannot move a client into a fresh bucket; a
 * trusted proxy's forwarded address is tested in {@link TrustedProxyTest}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "luqiao.security.rate-limit.enabled=true", "luqiao.security.rate-limit.requests-per-minute=6",
            "luqiao.security.rate-limit.burst=5", "luqiao.seed.enabled=false"
        })
class RateLimitTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir =
                Path.of("target/test-data", "ratelimit-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Test
    void anonymousClientsPastTheBurstGet429WithRetryAfterAndSignedInUsersDoNot() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/zones?limit=1"))
                .build();
        for (int i = 0; i < 5; i++) {
            assertThat(client.send(anonymous, HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = client.send(anonymous, HttpResponse.BodyHandlers.ofString());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();

        HttpRequest admin = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/zones?limit=1"))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes()))
                .build();
        for (int i = 0; i < 10; i++) {
            assertThat(client.send(admin, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
    }

    /**
     * Cached tiles are answered ahead of the security chain (tiles.CachedTileFilter), from the same buckets: the first
     * request renders the tile on the normal path, the next four come from the cache, and the sixth is over.
     */
    @Test
    void cachedTilesTakeFromTheSameBucket() {
        RawHttp peer = new RawHttp(port, "127.0.0.4");
        String tile = "/tiles/parcels/14/13717/6834.mvt";
        for (int i = 0; i < 5; i++) {
            assertThat(peer.get(tile).status()).as("request %d", i).isEqualTo(200);
        }
        RawHttp.Response limited = peer.get(tile);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(new RawHttp(port, "127.0.0.5").get(tile).status())
                .as("another client's bucket")
                .isEqualTo(200);
    }

    @Test
    void aRotatingXForwardedForFromAnUntrustedPeerIsLimitedAtTheSameCount() {
        // Its own loopback address, so its bucket is not the other test's.
        RawHttp peer = new RawHttp(port, "127.0.0.3");
        for (int i = 0; i < 5; i++) {
            assertThat(peer.get("/api/zones?limit=1", "X-Forwarded-For", "198.51.100." + i)
                            .status())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        for (int i = 5; i < 25; i++) {
            RawHttp.Response limited = peer.get(
                    "/api/zones?limit=1",
                    "X-Forwarded-For",
                    "198.51.100." + i,
                    "Forwarded",
                    "for=203.0.113." + i,
                    "X-Real-IP",
                    "203.0.113." + i);
            assertThat(limited.status())
                    .as("request %d with a new forwarded address", i)
                    .isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotBlank();
        }
    }
}
