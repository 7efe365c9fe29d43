package luqiao.map.cql2;

import static luqiao.map.cql2.Cql2TextParserTest.cmp;
import static luqiao.map.cql2.Cql2TextParserTest.n;
import static luqiao.map.cql2.Cql2TextParserTest.p;
import static luqiao.map.cql2.Cql2TextParserTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import luqiao.map.cql2.Expression.CaseInsensitive;
import luqiao.map.cql2.Expression.DateLiteral;
import luqiao.map.cql2.Expression.TimestampLiteral;
import luqiao.map.cql2.Filter.And;
import luqiao.map.cql2.Filter.IsNull;
import luqiao.map.cql2.Filter.Like;
import luqiao.map.cql2.Filter.Not;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The legacy alias {@code filter-lang=cql-text}: the filters GDAL 3.6 writes (its OGROAPIFLayer's
 * BuildFilterCQLText), read into the CQL2 tree; what CQL2-text alone does not take.
 */
class PreReleaseCqlTextTest {

    @Test
    void readsGdalsParenthesisedComparisonsAsCql2() {
        assertThat(Cql2.parsePreReleaseText("(landuse_l1_code = '07') AND (area_m2 > 10000)"))
                .isEqualTo(new And(List.of(
                        cmp(ComparisonOperator.EQ, p("landuse_l1_code"), s("07")),
                        cmp(ComparisonOperator.GT, p("area_m2"), n("10000")))));
        assertThat(Cql2.parsePreReleaseText("NOT ((renovation IS NULL))"))
                .isEqualTo(new Not(new IsNull(p("renovation"))));
    }

    @Test
    void readsIlikeAsACaseInsensitiveLike() {
        assertThat(Cql2.parsePreReleaseText("name_zh ILIKE '%Road%'"))
                .isEqualTo(new Like(new CaseInsensitive(p("name_zh")), new CaseInsensitive(s("%Road%"))));
        assertThatThrownBy(() -> Cql2.parseText("name_zh ILIKE '%Road%'")).isInstanceOf(Cql2Exception.class);
    }

    @Test
    void readsGdalsDateStringsAsDatesAndTimestamps() {
        assertThat(Cql2.parsePreReleaseText("planned_start >= '2024-01-01T'"))
                .isEqualTo(cmp(ComparisonOperator.GE, p("planned_start"), new DateLiteral(LocalDate.of(2024, 1, 1))));
        assertThat(Cql2.parsePreReleaseText("updated < '2024-01-01T08Z'"))
                .isEqualTo(cmp(
                        ComparisonOperator.LT,
                        p("updated"),
                        new TimestampLiteral(Instant.parse("2024-01-01T08:00:00Z"))));
        assertThat(Cql2.parsePreReleaseText("updated < '2024-01-01T08:30:15Z'"))
                .isEqualTo(cmp(
                        ComparisonOperator.LT,
                        p("updated"),
                        new TimestampLiteral(Instant.parse("2024-01-01T08:30:15Z"))));
        // Any other string stays a string, and CQL2-text keeps GDAL's date string a string.
        assertThat(Cql2.parsePreReleaseText("name_zh = '2024-01-01'"))
                .isEqualTo(cmp(ComparisonOperator.EQ, p("name_zh"), s("2024-01-01")));
        assertThat(Cql2.parseText("planned_start >= '2024-01-01T'"))
                .isEqualTo(cmp(ComparisonOperator.GE, p("planned_start"), s("2024-01-01T")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"d = '2024-13-01T'", "d = '2024-01-01T25Z'"})
    void refusesImpossibleDates(String filter) {
        assertThatThrownBy(() -> Cql2.parsePreReleaseText(filter))
                .isInstanceOf(Cql2Exception.class)
                .hasMessageContaining("invalid date");
    }
}
