package luqiao.map.catalog;

import static luqiao.map.catalog.FieldType.BOOLEAN;
import static luqiao.map.catalog.FieldType.DATE;
import static luqiao.map.catalog.FieldType.NUMBER;
import static luqiao.map.catalog.FieldType.STRING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import luqiao.map.cql2.Queryable;
import luqiao.map.cql2.Queryables;
import luqiao.map.cql2.ValueType;

/**
 * The three collections the map serves: their tables, fields and what the public may see.
 * Every SQL identifier the server uses comes from here, so nothing from a request reaches SQL
 * except as a bound value.
 */
public enum Layer {
    ZONES(
            "zones",
            "code",
            new PublicRows("is_public", List.of(true)),
            null,
            List.of(
                    Field.of("name_zh", STRING),
                    Field.of("name_en", STRING),
                    Field.of("kind", STRING),
                    Field.of("description", STRING),
                    new Field("public", "is_public", BOOLEAN, true, false),
                    Field.derived("area_m2", NUMBER))),

    PROJECTS(
            "projects",
            "code",
            // Projects still being conceived, prepared or negotiated are not public (DOMAIN.md).
            new PublicRows("stage", List.of("开工", "竣工")),
            // A project's time span: from its (actual, else planned) start to its finish.
            new Temporal(List.of("actual_start", "planned_start"), List.of("actual_finish", "planned_finish")),
            List.of(
                    Field.of("name_zh", STRING),
                    Field.of("name_en", STRING),
                    Field.of("category", STRING),
                    Field.of("stage", STRING),
                    Field.of("investment_wan", NUMBER),
                    Field.of("responsible_unit", STRING),
                    Field.of("planned_start", DATE),
                    Field.of("planned_finish", DATE),
                    Field.of("actual_start", DATE),
                    Field.of("actual_finish", DATE),
                    // The zone is derived from the geometry, never typed in (sql/common/computed/projects/zone.sql).
                    Field.computed("zone", STRING),
                    Field.derived("length_m", NUMBER),
                    Field.derived("area_m2", NUMBER))),

    PARCELS(
            "parcels",
            "parcel_no",
            null,
            null,
            List.of(
                    Field.of("landuse_code", STRING),
                    Field.of("landuse_name", STRING),
                    Field.of("landuse_l1_code", STRING),
                    Field.of("landuse_l1_name", STRING),
                    Field.of("status", STRING),
                    Field.of("renovation", STRING),
                    Field.of("farmland_protected", BOOLEAN),
                    Field.of("town", STRING),
                    Field.internal("owner", STRING),
                    Field.derived("area_m2", NUMBER)));

    /**
     * A project's town (街道/镇), for statistics only: computing it costs a parcel search per project,
     * too much for every feature read (sql/common/computed/projects/town.sql says how).
     */
    private static final Field PROJECT_TOWN = Field.computed("town", STRING);

    private final String table;
    private final String idColumn;
    private final PublicRows publicRows;
    private final Temporal temporal;
    private final List<Field> fields;
    /** {@link #storedFields()}, made once: an import asks for it for every row. */
    private final List<Field> stored;

    Layer(String table, String idColumn, PublicRows publicRows, Temporal temporal, List<Field> fields) {
        this.table = table;
        this.idColumn = idColumn;
        this.publicRows = publicRows;
        this.temporal = temporal;
        this.fields = fields;
        this.stored = fields.stream().filter(Field::stored).toList();
    }

    /**
     * The rows the public may see: those whose {@code column} holds one of {@code values} (constants of
     * this catalog). Audiences that see the layer's internal rows see every live row.
     */
    public record PublicRows(String column, List<Object> values) {}

    /**
     * The columns of a feature's time span: its start is the first of {@code start} that is set, its
     * end the first of {@code end} (an actual date before the planned one).
     */
    public record Temporal(List<String> start, List<String> end) {}

    /** Whether the layer's rows have a recorded history, so they can be read as they stood on a past date. */
    public boolean hasHistory() {
        return this == PROJECTS;
    }

    /**
     * The geometry families the layer mixes, each of which is also served as a collection of its own
     * (QGIS types a layer by its first features); empty for a layer of one family (zones and parcels are
     * polygons).
     */
    public List<GeometryFamily> mixedGeometryFamilies() {
        return this == PROJECTS ? List.of(GeometryFamily.values()) : List.of();
    }

    /** The rule limiting what the audience sees of the layer's rows; empty when it sees every live row. */
    public Optional<PublicRows> publicRows(Audience audience) {
        return audience.seesInternalRowsOf(this) ? Optional.empty() : Optional.ofNullable(publicRows);
    }

    /** Every field of the layer, internal ones included, in output order. */
    public List<Field> allFields() {
        return fields;
    }

    /** The fields the database computes per row, the statistics-only ones included. */
    public List<Field> computedFields() {
        List<Field> all = new ArrayList<>(fields);
        if (this == PROJECTS) {
            all.add(PROJECT_TOWN);
        }
        return all.stream().filter(f -> !f.isColumn()).toList();
    }

    /** The layer called {@code name} in URLs, or empty when there is none. */
    public static Optional<Layer> byName(String name) {
        return Arrays.stream(values()).filter(l -> l.table.equals(name)).findFirst();
    }

    public String id() {
        return table;
    }

    public String table() {
        return table;
    }

    public String idColumn() {
        return idColumn;
    }

    /** The fields the audience may see, in output order. */
    public List<Field> fields(Audience audience) {
        return audience.seesInternalFieldsOf(this)
                ? fields
                : fields.stream().filter(f -> !f.internal()).toList();
    }

    /** Fields the loader writes, in insert order (derived fields are left to the database). */
    public List<Field> storedFields() {
        return stored;
    }

    /**
     * A field the audience may group statistics by: any field it sees, and for projects also
     * {@code town} (see {@link #PROJECT_TOWN}).
     */
    public Optional<Field> groupingField(String name, Audience audience) {
        if (this == PROJECTS && name.equals(PROJECT_TOWN.name())) {
            return Optional.of(PROJECT_TOWN);
        }
        return field(name, audience);
    }

    /** The layer's time span, for {@code datetime} queries; empty when its features have none. */
    public Optional<Temporal> temporal() {
        return Optional.ofNullable(temporal);
    }

    /** The field called {@code name} (exact, as clients see it) that the audience may see. */
    public Optional<Field> field(String name, Audience audience) {
        return fields(audience).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The properties a CQL2 filter may name, for this audience: the id (by its column name, e.g.
     * {@code parcel_no}), every field backed by a plain column, plus {@code geometry}. Internal fields stay listed but forbidden, so a public filter
     * on one is refused with a clear error rather than silently answered differently.
     */
    public Queryables queryables(Audience audience) {
        List<Queryable> all = new ArrayList<>();
        all.add(Queryable.of(idColumn, "t." + idColumn, ValueType.STRING));
        for (Field field : fields) {
            if (field.isColumn()) {
                all.add(Queryable.of(field.name(), "t." + field.column(), VALUE_TYPES.get(field.type())));
            }
        }
        all.add(Queryable.geometry("geometry", "t.geom", 4326));
        Set<String> visible = new HashSet<>();
        fields(audience).forEach(f -> visible.add(f.name()));
        return Queryables.of(all)
                .restrictedTo(
                        q -> q.name().equals("geometry") || q.name().equals(idColumn) || visible.contains(q.name()));
    }

    private static final Map<FieldType, ValueType> VALUE_TYPES = Map.of(
            FieldType.STRING,
            ValueType.STRING,
            FieldType.NUMBER,
            ValueType.NUMBER,
            FieldType.BOOLEAN,
            ValueType.BOOLEAN,
            FieldType.DATE,
            ValueType.DATE);
}
