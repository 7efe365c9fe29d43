package luqiao.map;

import static luqiao.map.EditingContract.ADMIN;
import static luqiao.map.EditingContract.LAKE_LAT;
import static luqiao.map.EditingContract.LAKE_LON;
import static luqiao.map.EditingContract.square;
import static luqiao.map.EditingContract.zone;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import luqiao.map.catalog.Layer;
import luqiao.map.store.FeaturesChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A writer waits for another writer of the same row up to the statement timeout, on both backends:
 * a second connection holds the row lock of a zone for longer than H2's default LOCK_TIMEOUT (2 s) and
 * shorter than the statement timeout (3.5 s with the tests' 60 s; 2.5 s in the PostGIS suite, which runs with 3 s)
 * while the zone is replaced over HTTP; the replace waits and succeeds (on H2 it was a 503 "Query
 * timeout" after 2 s).
 */
abstract class RowLockWaitContract extends BackendContract {

    @Autowired
    DataSource dataSource;

    @Value("${luqiao.api.statement-timeout}")
    Duration statementTimeout;

    private String made;

    @AfterEach
    void removeTheZone() {
        if (made != null) {
            List<byte[]> geometries =
                    jdbc.queryForList("SELECT ST_AsBinary(geom) FROM zones WHERE code = ?", byte[].class, made);
            jdbc.update("DELETE FROM zones WHERE code = ?", made);
            jdbc.update("DELETE FROM feature_versions WHERE layer = 'zones' AND feature_id = ?", made);
            events.publishEvent(new FeaturesChanged(
                    Layer.ZONES,
                    geometries.stream().map(g -> wkb(g).getEnvelopeInternal()).toList()));
        }
    }

    @Test
    void aReplaceWaitsForAnotherWritersRowLockLongerThanH2sDefaultLockTimeout() throws Exception {
        made = "T-LOCK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        HttpResponse<String> created = send("POST", "/api/zones", zone(made, square(LAKE_LON, LAKE_LAT, 0.001)), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        long hold = Math.min(3_500, statementTimeout.toMillis() - 500);
        assertThat(hold)
                .as("the lock is held longer than H2's default LOCK_TIMEOUT")
                .isGreaterThan(2_000);
        CountDownLatch locked = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement lock =
                        c.prepareStatement("SELECT version FROM zones WHERE code = ? FOR UPDATE")) {
                    lock.setString(1, made);
                    lock.executeQuery().close();
                }
                locked.countDown();
                Thread.sleep(hold);
                c.commit();
            } catch (Throwable e) {
                failed.set(e);
            } finally {
                locked.countDown();
            }
        });
        other.start();
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        HttpResponse<String> replaced =
                send("PUT", "/api/zones/" + made, zone(made, square(LAKE_LON, LAKE_LAT, 0.002)), "\"1\"");
        long waited = (System.nanoTime() - started) / 1_000_000;
        other.join();
        assertThat(failed.get()).as("the other connection's lock").isNull();
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(waited).as("the replace waited for the lock (ms)").isGreaterThan(1_000);
    }

    private HttpResponse<String> send(String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/geo+json")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)));
        if (ifMatch != null) {
            r.header("If-Match", ifMatch);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
