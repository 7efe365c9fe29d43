package luqiao.map;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on the embedded H2GIS backend (the default profile), each run on a new database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2gisApiContractTest extends ApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = newDataDir();
        registry.add("luqiao.data-dir", () -> dir);
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
    class ReadsDuringInserts extends ReadsDuringInsertsContract {}

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

    @Override
    Set<String> spatiallyIndexedTables() {
        return new HashSet<>(jdbc.queryForList(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_TYPE_NAME = 'SPATIAL INDEX'",
                String.class));
    }

    @Override
    Map<String, Object> emptyDatabaseProperties() {
        return Map.of("luqiao.data-dir", newDataDir());
    }

    private static String newDataDir() {
        return Path.of("target/test-data", "h2gis-" + UUID.randomUUID())
                .toAbsolutePath()
                .toString();
    }
}
