package luqiao.map.catalog;

/**
 * One property of a layer.
 *
 * @param name     the property name clients see
 * @param column   the SQL column it is read from, always a constant of this catalog, never request text;
 *                 null for a field the database computes per row (the store holds its SQL, {@code
 *                 sql/common/computed/LAYER/NAME.sql})
 * @param stored   whether the loader writes it (derived fields are computed by the database)
 * @param internal whether only staff may see it
 */
public record Field(String name, String column, FieldType type, boolean stored, boolean internal) {

    /** Whether the field is a column of the layer's table (not computed per row). */
    public boolean isColumn() {
        return column != null;
    }

    static Field of(String name, FieldType type) {
        return new Field(name, name, type, true, false);
    }

    static Field internal(String name, FieldType type) {
        return new Field(name, name, type, true, true);
    }

    /** A column the database maintains (a ground measure), read but never written by the loader. */
    static Field derived(String name, FieldType type) {
        return new Field(name, name, type, false, false);
    }

    /** A value the database computes per row from other tables (e.g. a project's zone). */
    static Field computed(String name, FieldType type) {
        return new Field(name, null, type, false, false);
    }
}
