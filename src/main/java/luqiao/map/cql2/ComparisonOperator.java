package luqiao.map.cql2;

import java.util.Arrays;
import java.util.Optional;

/** Binary comparison operators; the SQL operator comes from this fixed table, never from the request. */
public enum ComparisonOperator {
    EQ("="),
    NE("<>"),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The CQL2 symbol, which is also the SQL operator. */
    public String symbol() {
        return symbol;
    }

    static Optional<ComparisonOperator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }
}
