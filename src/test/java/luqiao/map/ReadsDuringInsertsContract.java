package luqiao.map;

import static luqiao.map.EditingContract.LAKE_LAT;
import static luqiao.map.EditingContract.LAKE_LON;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import luqiao.map.support.HoldFirstSelect;
import luqiao.map.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A bbox read answers while other connections insert into the box (the soak's 503s, bench/README.md).
 * H2's spatial index walks its R-tree as it is now but reads rows from the statement's snapshot, so a
 * parcel committed after a read started and before it scanned the index made that read fail with
 * "Row not found in primary index" (90143), which H2 turned into a lock timeout (50200) after its
 * LOCK_TIMEOUT and the API into a 503. Here a {@code BEFORE SELECT} trigger holds the read right after
 * its snapshot while a second connection commits a parcel in the box; the read must answer 200, with
 * the new parcel. Embedded H2GIS only: the trigger is H2's, and PostGIS reads never had this failure.
 */
abstract class ReadsDuringInsertsContract extends BackendContract {

    @Autowired
    DataSource dataSource;

    @Test
    void aBboxReadAnswersWhenAParcelInTheBoxIsCommittedWhileItRuns() throws Exception {
        String id = "T-RACE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        jdbc.execute("CREATE TRIGGER parcels_hold_first_select BEFORE SELECT ON parcels CALL '"
                + HoldFirstSelect.class.getName() + "'");
        try {
            HoldFirstSelect.arm();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    assertThat(HoldFirstSelect.awaitHeld(30))
                            .as("the read reached the parcels table")
                            .isTrue();
                    try (Connection c = dataSource.getConnection();
                            PreparedStatement insert = c.prepareStatement(
                                    "INSERT INTO parcels (parcel_no, landuse_code, landuse_name, landuse_l1_code, landuse_l1_name, status,"
                                            + " area_m2, geom) VALUES (?, '0701', '城镇住宅用地', '07', '居住用地', '储备', 900, ST_GeomFromText(?, 4326))")) {
                        insert.setString(1, id);
                        insert.setString(
                                2,
                                String.format(
                                        Locale.ROOT,
                                        "MULTIPOLYGON(((%s %s, %s %s, %s %s, %s %s, %s %s)))",
                                        LAKE_LON,
                                        LAKE_LAT,
                                        LAKE_LON + 0.0003,
                                        LAKE_LAT,
                                        LAKE_LON + 0.0003,
                                        LAKE_LAT + 0.0003,
                                        LAKE_LON,
                                        LAKE_LAT + 0.0003,
                                        LAKE_LON,
                                        LAKE_LAT));
                        insert.executeUpdate();
                    }
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    HoldFirstSelect.release();
                }
            });
            writer.start();
            Http.Response read = http.get(String.format(
                    Locale.ROOT,
                    "/api/parcels?limit=1000&bbox=%s,%s,%s,%s",
                    LAKE_LON - 0.01,
                    LAKE_LAT - 0.01,
                    LAKE_LON + 0.01,
                    LAKE_LAT + 0.01));
            writer.join();
            assertThat(failed.get()).as("the second connection's insert").isNull();
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.body())
                    .as("the read sees the parcel committed while it ran")
                    .contains(id);
        } finally {
            HoldFirstSelect.release();
            jdbc.execute("DROP TRIGGER IF EXISTS parcels_hold_first_select");
            jdbc.update("DELETE FROM parcels WHERE parcel_no = ?", id);
        }
    }
}
