package luqiao.map.catalog;

/**
 * One property of a layer.
 *
 * @param name     the property name clients see
 * @param column   the SQL column (or, for derived fields, a fixed SQL expression) it is read from;
 *                 always a constant of this catalog, never request text
 * @param stored   whether the loader writes it (derived fields are computed by the database)
 * @param internal whether only staff may see it
 */
public record Field(String name, String column, FieldType type, boolean stored, boolean internal) {

    private static final java.util.regex.Pattern PLAIN_COLUMN = java.util.regex.Pattern.compile("[a-z_0-9]+");

    /** Whether the field is a column of the layer's table (not a computed expression). */
    public boolean isColumn() {
        return PLAIN_COLUMN.matcher(column).matches();
    }

    static Field of(String name, FieldType type) {
        return new Field(name, name, type, true, false);
    }

    static Field internal(String name, FieldType type) {
        return new Field(name, name, type, true, true);
    }

    static Field derived(String name, String expression, FieldType type) {
        return new Field(name, expression, type, false, false);
    }
}
