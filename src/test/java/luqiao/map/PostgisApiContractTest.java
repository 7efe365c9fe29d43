package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import luqiao.map.support.Http;
import luqiao.map.support.PostgisTestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on PostGIS (profile {@code postgis}), each run on a fresh database. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "luqiao.api.statement-timeout=3s")
@ActiveProfiles("postgis")
class PostgisApiContractTest extends ApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = PostgisTestDatabase.fresh("luqiao_test_contract", false);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
    }

    @Nested
    class OgcApi extends OgcApiContract {}

    @Nested
    class OgcTiles extends OgcTilesContract {}

    @Nested
    class OgcEditing extends OgcEditingContract {}

    @Nested
    class OgcForQgis extends OgcForQgisContract {}

    @Nested
    class PyQgis extends PyQgisContract {}

    @Nested
    class Security extends SecurityContract {}

    @Nested
    class Chain extends ChainContract {}

    @Nested
    class Editing extends EditingContract {}

    @Nested
    class BatchStatus extends BatchStatusContract {}

    @Nested
    class AdminUsers extends AdminUsersContract {}

    @Nested
    class Transfer extends TransferContract {}

    @Nested
    class Dashboard extends DashboardContract {}

    @Nested
    class Compliance extends ComplianceContract {}

    @Nested
    class PublicFace extends PublicFaceContract {}

    @Nested
    class PmtilesExport extends PmtilesExportContract {}

    @Nested
    class Invest extends InvestContract {}

    @Nested
    class Print extends PrintContract {}

    @Nested
    class Xlsx extends XlsxContract {}

    @Nested
    class IdentifyAndRedLine extends IdentifyAndRedLineContract {}

    @Nested
    class PoolTurnover extends PoolTurnoverContract {}

    @Nested
    class Fuzz extends FuzzContract {}

    @Nested
    class RowLockWait extends RowLockWaitContract {}

    @Nested
    class StaffRecord extends StaffRecordContract {}

    @Nested
    class Metrics extends MetricsContract {}

    @Nested
    class Inspection extends InspectionContract {}

    @Nested
    class Overview extends OverviewContract {}

    @Test
    void aQueryOverTheStatementTimeoutIsCancelledAndAnswered503() throws Exception {
        try (Connection blocker = PostgisTestDatabase.connect(
                jdbc.getDataSource().getConnection().getMetaData().getURL())) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE parcels IN ACCESS EXCLUSIVE MODE");
            Http.Response r = http.get("/ogc/collections/parcels/items?limit=5");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("title").asString()).isEqualTo("Query timeout");
            blocker.rollback();
        }
        assertThat(http.get("/ogc/collections/parcels/items?limit=5").status())
                .as("nothing was left running")
                .isEqualTo(200);
    }

    @Override
    Set<String> spatiallyIndexedTables() {
        return new HashSet<>(jdbc.queryForList(
                "SELECT upper(tablename) FROM pg_indexes WHERE indexdef LIKE '%USING gist (geom)%'", String.class));
    }

    @Override
    Map<String, Object> emptyDatabaseProperties() {
        return Map.of(
                "spring.profiles.active",
                "postgis",
                "spring.datasource.url",
                PostgisTestDatabase.fresh("luqiao_test_restart", false),
                "spring.datasource.username",
                PostgisTestDatabase.USER,
                "spring.datasource.password",
                PostgisTestDatabase.PASSWORD);
    }
}
