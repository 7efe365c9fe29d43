package luqiao.map.catalog;

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

import static luqiao.map.catalog.FieldType.BOOLEAN;
import static luqiao.map.catalog.FieldType.DATE;
import static luqiao.map.catalog.FieldType.NUMBER;
import static luqiao.map.catalog.FieldType.STRING;

/**
 * The three collections the map serves: their tables, fields and what the public may see.
 * Every SQL identifier the server uses comes from here, so nothing from a request reaches SQL
 * except as a bound value.
 */
public enum Layer {

    ZONES("zones", "code", "is_public = TRUE", null, List.of(
            Field.of("name_zh", STRING),
            Field.of("name_en", STRING),
            Field.of("kind", STRING),
            Field.of("description", STRING),
            new Field("public", "is_public", BOOLEAN, true, false),
            Field.derived("area_m2", "area_m2", NUMBER))),

    PROJECTS("projects", "code",
            // Projects still being conceived, prepared or negotiated are not public (DOMAIN.md).
            "stage IN ('开工', '竣工')",
            // A project's time span: from its (actual, else planned) start to its finish.
            new Temporal("COALESCE(t.actual_start, t.planned_start)", "COALESCE(t.actual_finish, t.planned_finish)"),
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
            // The zone is derived from the geometry, never typed in: the smallest non-district
            // zone the site touches, so a project in 飞龙湖 reports 飞龙湖, not the district.
            Field.derived("zone", "(SELECT z.code FROM zones z WHERE z.kind <> 'district' AND z.is_public = TRUE AND z.deleted_at IS NULL"
                    + " AND z.geom && t.geom AND ST_Intersects(z.geom, t.geom) ORDER BY z.area_m2 LIMIT 1)", STRING),
            Field.derived("length_m", "length_m", NUMBER),
            Field.derived("area_m2", "area_m2", NUMBER))),

    PARCELS("parcels", "parcel_no", null, null, List.of(
            Field.of("landuse_code", STRING),
            Field.of("landuse_name", STRING),
            Field.of("landuse_l1_code", STRING),
            Field.of("landuse_l1_name", STRING),
            Field.of("status", STRING),
            Field.of("renovation", STRING),
            Field.of("farmland_protected", BOOLEAN),
            Field.of("town", STRING),
            Field.internal("owner", STRING),
            Field.derived("area_m2", "area_m2", NUMBER)));

    /**
     * A project's town (街道/镇), for statistics only: computing it costs a parcel search per project,
     * too much for every feature read. Projects carry no town and township boundaries are not
     * public, so a site's town is that of the parcel under its interior point, else of the parcel
     * nearest to it within 0.05° (about 5 km); parcels' towns partition the district by the nearest
     * town seat (gis-data/README.md).
     */
    private static final Field PROJECT_TOWN = Field.derived("town", "COALESCE("
            + "(SELECT MIN(p.town) FROM parcels p WHERE p.geom && ST_PointOnSurface(t.geom) AND ST_Intersects(p.geom, ST_PointOnSurface(t.geom))),"
            + " (SELECT p.town FROM parcels p WHERE p.geom && ST_Expand(ST_PointOnSurface(t.geom), 0.05, 0.05)"
            + " ORDER BY ST_Distance(p.geom, ST_PointOnSurface(t.geom)), p.parcel_no LIMIT 1))", STRING);

    private final String table;
    private final String idColumn;
    private final String publicRowFilter;
    private final Temporal temporal;
    private final List<Field> fields;
    private final String asOfSource;

    Layer(String table, String idColumn, String publicRowFilter, Temporal temporal, List<Field> fields) {
        this.table = table;
        this.idColumn = idColumn;
        this.publicRowFilter = publicRowFilter;
        this.temporal = temporal;
        this.fields = fields;
        // The enum constants are not assigned yet here, so hasHistory() cannot be asked.
        this.asOfSource = "projects".equals(table) ? StageHistory.source(this, fields) : null;
    }

    /** SQL expressions (table alias {@code t}) of the start and end date of a feature's time span. */
    public record Temporal(String start, String end) {
    }

    /** Whether the layer's rows have a recorded history, so they can be read as they stood on a past date. */
    public boolean hasHistory() {
        return this == PROJECTS;
    }

    /**
     * The {@code FROM} item, alias {@code t}: the table, or with {@code asOf} the table as it stood on a
     * date that the caller binds as the statement's first {@code ?} (see {@link StageHistory}).
     */
    public String source(boolean asOf) {
        if (!asOf) {
            return table + " t";
        }
        if (!hasHistory()) {
            throw new IllegalArgumentException(table + " has no history");
        }
        return asOfSource;
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
        return audience.seesInternalFieldsOf(this) ? fields : fields.stream().filter(f -> !f.internal()).toList();
    }

    /** Fields the loader writes, in insert order (derived fields are left to the database). */
    public List<Field> storedFields() {
        return fields.stream().filter(Field::stored).toList();
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
        return Queryables.of(all).restrictedTo(q -> q.name().equals("geometry") || q.name().equals(idColumn)
                || visible.contains(q.name()));
    }

    private static final Map<FieldType, ValueType> VALUE_TYPES = Map.of(FieldType.STRING, ValueType.STRING,
            FieldType.NUMBER, ValueType.NUMBER, FieldType.BOOLEAN, ValueType.BOOLEAN, FieldType.DATE, ValueType.DATE);

    /**
     * SQL condition on the table (alias {@code t}) limiting rows to what the audience may see.
     * Soft-deleted features are hidden from everyone: they are kept only for undelete and history.
     */
    public String rowFilter(Audience audience) {
        return audience.seesInternalRowsOf(this) || publicRowFilter == null ? LIVE : LIVE + " AND " + publicRowFilter;
    }

    /** The condition (alias {@code t}) of rows that are not soft-deleted. */
    public static final String LIVE = "t.deleted_at IS NULL";
}
