package luqiao.map.cql2;

/** The value types a queryable property or a literal can have. */
public enum ValueType {
    STRING,
    NUMBER,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    GEOMETRY
}
