package luqiao.map.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Cql2TextErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
        (a = 1                              | 6  | expected ')' but found end of input
        a = 1 b                             | 6  | unexpected 'b' after the end of the filter
        a = 1)                              | 5  | unexpected ')' after the end of the filter
        a == 1                              | 3  | expected a property name or a literal but found '='
        a != 1                              | 2  | unexpected character '!'
        a ~ 1                               | 2  | unexpected character '~'
        a = 'unterminated                   | 4  | unterminated string literal
        a = "unterminated                   | 4  | unterminated quoted property name
        a                                   | 1  | expected a comparison operator, LIKE, BETWEEN, IN or IS but found end of input
        a NOT = 1                           | 6  | expected a comparison operator, LIKE, BETWEEN, IN or IS but found '='
        a IS NOT 1                          | 9  | expected NULL but found '1'
        a BETWEEN 1 OR 2                    | 12 | expected AND but found 'OR'
        T_BEFORE(built, DATE('2015-01-01')) | 0  | unknown or unsupported function 'T_BEFORE'
        avg(windSpeed) < 4                  | 0  | unknown or unsupported function 'avg'
        ACCENTI(name) = 'a'                 | 0  | unknown or unsupported function 'ACCENTI'
        S_INTERSECTS(geom)                  | 17 | expected ',' but found ')'
        S_INTERSECTS(geom, POINT(1 2), x)   | 29 | expected ')' but found ','
        S_WITHIN(geom, BBOX(1, 2, 3))       | 15 | a bbox needs 4 or 6 numbers, not 3
        S_WITHIN(geom, POINT(1))            | 15 | invalid POINT literal
        S_WITHIN(geom, POLYGON((0 0, 1 1)   | 22 | unbalanced '(' in the geometry literal
        S_WITHIN(geom, 5)                   | 0  | S_WITHIN needs geometries, not a NUMBER value
        x = 1 AND 5 LIKE 'a%'               | 10 | LIKE needs a string operand, not a NUMBER value
        name LIKE 5                         | 0  | the LIKE pattern must be a string literal
        name LIKE 'abc\\'                    | 0  | the LIKE pattern ends with an unfinished escape
        x BETWEEN 'a' AND 'b'               | 0  | BETWEEN needs numbers, not a STRING value
        x IN (1, 'a')                       | 0  | the IN list mixes NUMBER and STRING values
        x IN (y)                            | 0  | the IN list may only hold literals
        5 = 'a'                             | 0  | cannot compare a NUMBER value with a STRING value
        geom = POINT(1 2)                   | 0  | geometries cannot be compared with =; use S_EQUALS
        d = DATE('2020-02-30')              | 9  | invalid date '2020-02-30'
        t = TIMESTAMP('yesterday')          | 14 | invalid timestamp 'yesterday'
        AND = 1                             | 0  | expected a property name or a literal but found 'AND'
        ''                                  | 2  | expected a comparison operator
        CASEI(5) = 'a'                      | 0  | CASEI() needs a string, not a NUMBER value
        """)
    void reportsReasonAndPosition(String text, int position, String reason) {
        Cql2Exception error = catchThrowableOfType(() -> Cql2.parseText(text), Cql2Exception.class);
        assertThat(error).as("error for %s", text).isNotNull();
        assertThat(error.reason()).startsWith(reason);
        assertThat(error.position()).isEqualTo(position);
        assertThat(error.getMessage()).endsWith(" at position " + position);
    }

    @Test
    void missingClosingParenthesisNamesThePosition() {
        assertThatThrownBy(() -> Cql2.parseText("(floors > 5 AND x"))
                .isInstanceOf(Cql2Exception.class)
                .hasMessage(
                        "expected a comparison operator, LIKE, BETWEEN, IN or IS but found end of input at position 17");
        assertThatThrownBy(() -> Cql2.parseText("(floors > 5 AND x = 1"))
                .hasMessage("expected ')' but found end of input at position 21");
    }

    @Test
    void emptyFilter() {
        assertThatThrownBy(() -> Cql2.parseText("   ")).hasMessage("the filter is empty at position 0");
    }

    @Test
    void nestingDeeperThan100IsRejected() {
        String ok = "(".repeat(100) + "a = 1" + ")".repeat(100);
        assertThat(Cql2.parseText(ok)).isEqualTo(Cql2.parseText("a = 1"));
        assertThatThrownBy(() -> Cql2.parseText("(".repeat(101) + "a = 1" + ")".repeat(101)))
                .hasMessage("the filter is nested deeper than 100 levels at position 100");
        assertThatThrownBy(() -> Cql2.parseText("NOT ".repeat(101) + "a = 1"))
                .hasMessageStartingWith("the filter is nested deeper than 100 levels");
        assertThatThrownBy(() -> Cql2.parseText(
                        "S_INTERSECTS(g, " + "GEOMETRYCOLLECTION(".repeat(101) + "POINT(0 0)" + ")".repeat(102)))
                .hasMessageStartingWith("the filter is nested deeper than 100 levels");
    }

    @Test
    void moreThan10000TokensAreRejected() {
        // "a IN (0" is 4 tokens, each ", n" adds 2 and ")" 1: 9,999 tokens, then one more item crosses the limit
        StringBuilder text = new StringBuilder("a IN (0");
        for (int i = 1; i < 4_998; i++) {
            text.append(", ").append(i);
        }
        String withinLimit = text + ")";
        assertThat(Cql2.parseText(withinLimit)).isInstanceOf(Filter.In.class);
        String overLimit = text.append(", 4998)").toString();
        assertThatThrownBy(() -> Cql2.parseText(overLimit))
                .hasMessageStartingWith("the filter has more than 10000 tokens");
    }
}
