package luqiao.map.cql2;

import tools.jackson.databind.JsonNode;

/** Entry point: parses a filter in either CQL2 encoding into the same {@link Filter} tree. */
public final class Cql2 {

    /** Deepest nesting of parentheses, NOT, functions and JSON operators accepted. */
    public static final int MAX_DEPTH = 100;

    /** Most tokens (text) or JSON values accepted; bounds parsing and rendering cost. */
    public static final int MAX_TOKENS = 10_000;

    private Cql2() {}

    /** Parses CQL2-text ({@code filter-lang=cql2-text}); keywords are case-insensitive. */
    public static Filter parseText(String text) {
        return Cql2TextParser.parse(text);
    }

    /**
     * Parses the pre-release "CQL text" GDAL 3.6 sends ({@code filter-lang=cql-text}): CQL2-text plus
     * {@code ILIKE} and GDAL's date strings (see {@link Cql2TextParser#parse(String, boolean)}). Only for
     * that legacy alias; every other client speaks CQL2.
     */
    public static Filter parsePreReleaseText(String text) {
        return Cql2TextParser.parse(text, true);
    }

    /** Parses CQL2-JSON ({@code filter-lang=cql2-json}) given as a string. */
    public static Filter parseJson(String json) {
        return Cql2JsonParser.parse(json);
    }

    /** Parses CQL2-JSON already read by Jackson, e.g. the {@code filter} member of a request body. */
    public static Filter parseJson(JsonNode json) {
        return Cql2JsonParser.parse(json);
    }
}
