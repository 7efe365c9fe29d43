package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue #13: while the database cannot be reached, every path that needs it answers 503 problem+json with
 * {@code Retry-After} (no stack trace, one WARN line), readiness is DOWN and liveness UP; when the database
 * is back, readiness is UP again and requests succeed, without a restart. Subclasses start a server of their
 * own (its pool's connection-timeout short) on a database of their own and say how to cut it off.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class DatabaseOutageContract {

    static final List<String> PATHS = List.of(
            "/api/parcels?limit=5",
            "/api/parcels/NO-SUCH-PARCEL",
            "/ogc/collections/parcels/items?limit=5",
            "/tiles/parcels/14/13718/6839.mvt",
            "/tiles/all/14/13718/6840.png",
            "/api/export/parcels?format=geojson",
            "/api/export/parcels?format=csv");

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    /** Makes the server's database unreachable for it (the server keeps running). */
    abstract void cutOff() throws Exception;

    /** Makes it reachable again. */
    abstract void restore() throws Exception;

    @Test
    void whileTheDatabaseIsUnreachableRequestsGet503WithRetryAfterAndReadinessIsDownThenAllRecovers(
            CapturedOutput output) throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"UP\"")
                .as("no details for anonymous callers")
                .doesNotContain("components", "details", "db");
        for (String path : PATHS) {
            if (!path.startsWith("/tiles/")) { // a tile asked for now would be cached, and served from there
                assertThat(get(path).statusCode()).as(path).isIn(200, 404);
            }
        }
        cutOff();
        try {
            for (String path : PATHS) {
                HttpResponse<String> r = get(path);
                assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(503);
                assertThat(r.headers().firstValue("Content-Type").orElse(""))
                        .as(path)
                        .startsWith("application/problem+json");
                assertThat(Integer.parseInt(
                                r.headers().firstValue("Retry-After").orElse("0")))
                        .as(path)
                        .isBetween(1, 30);
                assertThat(r.headers().firstValue("Content-Disposition"))
                        .as(path)
                        .isEmpty();
                assertThat(r.body())
                        .as(path)
                        .contains("\"status\":503")
                        .contains("Database unavailable")
                        .doesNotContain("Exception")
                        .doesNotContain("at luqiao")
                        .doesNotContain("at org.")
                        .doesNotContain("SELECT")
                        .doesNotContain("Hikari");
            }
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"DOWN\"");
            assertThat(get("/actuator/health/liveness").statusCode())
                    .as("the process itself is fine")
                    .isEqualTo(200);
        } finally {
            restore();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (get("/actuator/health/readiness").statusCode() != 200
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");
        for (String path : PATHS) {
            assertThat(get(path).statusCode()).as(path + " after the outage").isIn(200, 404);
        }
        assertThat(output.getOut() + output.getErr())
                .contains("Database unavailable")
                .doesNotContain("Unexpected failure");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
