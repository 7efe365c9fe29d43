package luqiao.map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
            "luqiao.map.webmap.."};

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("luqiao.map.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void webDependsOnNoFeature() {
        noClasses().that().resideInAPackage("luqiao.map.web..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    @Disabled("enabled after the store moves merge")
    void onlyTheStoreSpeaksJdbc() {
        noClasses().that().resideOutsideOfPackages("luqiao.map.store..", "luqiao.map.cql2..")
                .and().doNotHaveFullyQualifiedName("luqiao.map.transfer.GeoPackageSource")
                .and().doNotHaveFullyQualifiedName("luqiao.map.transfer.GeoPackageExport")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.springframework.jdbc..")
                .check(MAIN);
    }
}
