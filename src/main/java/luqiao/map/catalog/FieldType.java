package luqiao.map.catalog;

/** How a field is read from the database and written to JSON. */
public enum FieldType {
    STRING,
    NUMBER,
    BOOLEAN,
    DATE
}
