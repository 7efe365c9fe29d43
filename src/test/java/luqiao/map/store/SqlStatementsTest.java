package luqiao.map.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named SQL resources: found by name, per database, filled only where a statement asks. */
class SqlStatementsTest {

    private final SqlStatements postgis = SqlStatements.load(DatabaseKind.POSTGIS);
    private final SqlStatements h2gis = SqlStatements.load(DatabaseKind.H2GIS);

    @Test
    void aStatementIsReadByItsNameWithoutItsComments() {
        String sql = h2gis.get("versions/insert");
        assertThat(sql)
                .startsWith("INSERT INTO feature_versions")
                .doesNotContain("--")
                .doesNotEndWith(";");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(8);
    }

    @Test
    void bothDatabasesHaveTheCommonStatements() {
        assertThat(postgis.get("versions/history")).isEqualTo(h2gis.get("versions/history"));
    }

    @Test
    void anUnknownNameFailsNamingTheFilesLookedFor() {
        assertThatThrownBy(() -> h2gis.get("nothing/here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sql/common/nothing/here.sql")
                .hasMessageContaining("sql/h2gis/nothing/here.sql");
    }

    @Test
    void aTemplateIsFilledOnlyThroughRenderAndEveryPartMustBeGiven() {
        assertThatThrownBy(() -> h2gis.get("editing/lock")).hasMessageContaining("render");
        assertThat(h2gis.render("editing/lock", Map.of("table", "parcels", "idColumn", "parcel_no")))
                .isEqualTo("SELECT version FROM parcels WHERE parcel_no = ? FOR UPDATE");
        assertThatThrownBy(() -> h2gis.render("editing/lock", Map.of("table", "parcels")))
                .hasMessageContaining("${idColumn}");
        assertThatThrownBy(
                        () -> h2gis.render("editing/lock", Map.of("table", "parcels", "idColumn", "x", "extra", "y")))
                .hasMessageContaining("extra");
    }

    @Test
    void anIdentifierPartMustBeAPlainIdentifier() {
        assertThatThrownBy(() ->
                        h2gis.render("editing/lock", Map.of("table", "parcels; DROP TABLE parcels", "idColumn", "x")))
                .hasMessageContaining("not an identifier");
    }
}
