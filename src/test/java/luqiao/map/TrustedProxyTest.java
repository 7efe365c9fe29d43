package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue #13: behind a trusted reverse proxy (here the whole loopback, 127.0.0.0/8 and ::1) the client is
 * the right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy: it is what the
 * rate limit, the sign-in throttle and the audit log see, and addresses a client prepends change nothing.
 * The proxy's {@code X-Forwarded-Host/-Proto/-Port} are the links' host and scheme.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "luqiao.security.trusted-proxies=127.0.0.0/8, ::1",
            "luqiao.security.rate-limit.enabled=true",
            "luqiao.security.rate-limit.requests-per-minute=6",
            "luqiao.security.rate-limit.burst=5",
            "luqiao.seed.enabled=false"
        })
class TrustedProxyTest {

    static final String ADMIN = "admin:test-admin-password";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "proxy-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Test
    void theRateLimitCountsTheForwardedClientAndPrependedAddressesDoNotHelp() {
        RawHttp proxy = new RawHttp(port, "127.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertThat(proxy.get("/api/zones?limit=1", "X-Forwarded-For", "203.0.113.7")
                            .status())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        assertThat(proxy.get("/api/zones?limit=1", "X-Forwarded-For", "203.0.113.7")
                        .status())
                .isEqualTo(429);
        for (int i = 0; i < 20; i++) {
            // What the client sent comes first; the proxy appends the address it saw.
            assertThat(proxy.get("/api/zones?limit=1", "X-Forwarded-For", "198.51.100." + i + ", 203.0.113.7")
                            .status())
                    .as("a forged address in front, %d", i)
                    .isEqualTo(429);
            // A chain of trusted proxies: the client is the right-most address that is not one of them.
            assertThat(proxy.get(
                                    "/api/zones?limit=1",
                                    "X-Forwarded-For",
                                    "198.51.100." + i + ", 203.0.113.7, 127.0.0.9")
                            .status())
                    .as("behind two proxies, %d", i)
                    .isEqualTo(429);
        }
        assertThat(proxy.get("/api/zones?limit=1", "X-Forwarded-For", "203.0.113.8")
                        .status())
                .as("another client")
                .isEqualTo(200);
    }

    @Test
    void theAuditLogAndTheLinksUseWhatTheTrustedProxyForwarded() {
        RawHttp proxy = new RawHttp(port, "127.0.0.1");
        String name = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(proxy.getAs(
                                name + ":wrong-password",
                                "/api/me/tokens",
                                "X-Forwarded-For",
                                "198.51.100.99, 203.0.113.50")
                        .status())
                .isEqualTo(401);
        List<String> clients = new ArrayList<>();
        proxy.getAs(ADMIN, "/api/admin/audit?limit=1000").json().forEach(e -> {
            if (name.equals(e.path("target").asString())) {
                clients.add(e.path("client").asString());
            }
        });
        assertThat(clients).containsExactly("203.0.113.50");

        String[] forwarded = {
            "X-Forwarded-For", "203.0.113.70", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "gis.example.cn"
        };
        JsonNode landing = proxy.get("/ogc", forwarded).json();
        assertThat(landing.path("links")
                        .valueStream()
                        .map(l -> l.path("href").asString())
                        .toList())
                .isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith("https://gis.example.cn/ogc"));
        assertThat(proxy.get("/tiles/all.json", forwarded)
                        .json()
                        .path("tiles")
                        .get(0)
                        .asString())
                .isEqualTo("https://gis.example.cn/tiles/all/{z}/{x}/{y}.mvt");
        assertThat(proxy.get(
                                "/tiles/all.json",
                                "X-Forwarded-For",
                                "203.0.113.71",
                                "X-Forwarded-Proto",
                                "https",
                                "X-Forwarded-Host",
                                "gis.example.cn",
                                "X-Forwarded-Port",
                                "8443")
                        .json()
                        .path("tiles")
                        .get(0)
                        .asString())
                .isEqualTo("https://gis.example.cn:8443/tiles/all/{z}/{x}/{y}.mvt");
    }

    @Test
    void wrongPasswordsFromOneForwardedClientDoNotKeepTheUserOutForAnother() {
        RawHttp proxy = new RawHttp(port, "127.0.0.1");
        String name = "planner-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(proxy.send(
                                "POST",
                                "/api/admin/users",
                                "{\"username\":\"" + name
                                        + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"PLANNER\"]}",
                                "Authorization",
                                RawHttp.basic(ADMIN))
                        .status())
                .isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(proxy.getAs(name + ":wrong-" + i, "/api/me/tokens", "X-Forwarded-For", "203.0.113.60")
                            .status())
                    .isEqualTo(401);
        }
        assertThat(proxy.getAs(name + ":correct-horse-battery", "/api/me/tokens", "X-Forwarded-For", "203.0.113.60")
                        .status())
                .isEqualTo(429);
        assertThat(proxy.getAs(name + ":correct-horse-battery", "/api/me/tokens", "X-Forwarded-For", "203.0.113.61")
                        .status())
                .isEqualTo(200);
    }
}
