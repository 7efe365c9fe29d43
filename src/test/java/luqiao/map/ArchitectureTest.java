package luqiao.map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (issue #12): packages depend on each other without cycles, the web layer
 * on no feature, and JDBC is the store's business alone.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("luqiao.map");

    /** The packages that are features; kernels (geometry, geojson, cql2, catalog, config, web) are not. */
    private static final String[] FEATURES = {
        "luqiao.map.store..", "luqiao.map.features..", "luqiao.map.analysis..", "luqiao.map.api..",
        "luqiao.map.tiles..", "luqiao.map.chain..", "luqiao.map.transfer..", "luqiao.map.editing..",
        "luqiao.map.dashboard..", "luqiao.map.compliance..", "luqiao.map.invest..", "luqiao.map.security..",
        "luqiao.map.webmap..", "luqiao.map.print..", "luqiao.map.wmts.."
    };

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("luqiao.map.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void webDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("luqiao.map.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    void onlyTheStoreSpeaksJdbc() {
        noClasses()
                .that()
                .resideOutsideOfPackages("luqiao.map.store..", "luqiao.map.cql2..")
                // A GeoPackage is an SQLite file, read and written through its own JDBC driver.
                .and()
                .haveNameNotMatching("luqiao\\.map\\.transfer\\.GeoPackage(Source|Export)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.springframework.jdbc..")
                .check(MAIN);
    }

    /** SQL text too: a string literal opening with an SQL verb, or naming a clause, outside the store. */
    @Test
    void noSqlStatementOutsideTheStore() throws IOException {
        Pattern sql =
                Pattern.compile("\"[^\"]*\\b(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|CREATE TABLE)\\b[^\"]*\"");
        Path root = Path.of("src/main/java/luqiao/map");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("store/")
                        || relative.startsWith("cql2/")
                        || relative.startsWith("transfer/GeoPackage")) {
                    continue;
                }
                Matcher m = sql.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(relative + ": " + m.group());
                }
            }
        }
        assertThat(found)
                .as("SQL outside store/ (put it in src/main/resources/sql/ behind a store port)")
                .isEmpty();
    }
}
