package luqiao.map.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.FieldType;
import luqiao.map.catalog.GeometryFamily;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.SqlDialect;
import luqiao.map.cql2.SqlFragment;
import luqiao.map.cql2.SqlRenderer;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonFeature;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.geometry.Bbox;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.store.overviews.OverviewStore;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SpatialStore} over JDBC, for both PostGIS and H2GIS.
 *
 * <p>One adapter rather than two: the queries here use only OGC simple-feature functions that
 * both databases spell the same way, so two copies would only drift apart. What does differ
 * (column types, index DDL, loading the H2GIS functions) lives in the per-backend Flyway
 * migrations, and the contract tests run this class against both databases.
 */
@Repository
class JdbcSpatialStore implements SpatialStore {

    /** Rows fetched per round trip when a whole layer is streamed (PostgreSQL then reads through a cursor). */
    private static final int STREAM_FETCH_SIZE = 1000;
    /** Ids per {@code IN (...)} list when asking which exist (or, in {@link JdbcVersionedStore}, their versions). */
    static final int ID_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final SqlDialect dialect;
    private final LayerSource layers;
    private final VersionLog versions;
    private final SqlStatements statements;
    private final StatementTable<LayerSql> sql;
    private final EditingSql.Table editing;
    private final String isLoaded;
    private final String markLoaded;
    private final String geometryFamily;
    private final OverviewStore overviews;

    JdbcSpatialStore(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            SqlDialect dialect,
            SqlStatements statements,
            LayerSource layers,
            VersionLog versions,
            EditingSql.Table editing,
            OverviewStore overviews) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.dialect = dialect;
        this.layers = layers;
        this.versions = versions;
        this.sql =
                StatementTable.of((layer, audience, asOf) -> new LayerSql(statements, layers, layer, audience, asOf));
        this.editing = editing;
        this.isLoaded = statements.get("datasets/is-loaded");
        this.markLoaded = statements.get("datasets/mark-loaded");
        this.geometryFamily = statements.get("features/geometry-family");
        this.statements = statements;
        this.overviews = overviews;
    }

    @Override
    public FeaturePage find(Layer layer, FeatureQuery query) {
        LayerSql s = sql.get(layer, query.audience(), query.asOf());
        List<SqlFragment> conditions = conditions(layer, query);
        List<Feature> page = page(s.page(conditions, orderBy(s, query)), conditions, query, mapper(s.fields));
        return new FeaturePage(page, matched(s, conditions, query, page.size()));
    }

    @Override
    public GeoJsonPage findGeoJson(Layer layer, FeatureQuery query) {
        LayerSql s = sql.get(layer, query.audience(), query.asOf());
        List<SqlFragment> conditions = conditions(layer, query);
        List<GeoJsonFeature> page =
                page(s.geoJsonPage(conditions, orderBy(s, query)), conditions, query, geoJsonMapper(s.fields));
        return new GeoJsonPage(page, matched(s, conditions, query, page.size()));
    }

    private <F> List<F> page(String select, List<SqlFragment> conditions, FeatureQuery query, RowMapper<F> mapper) {
        List<Object> values = asOfValue(query.asOf());
        conditions.forEach(c -> values.addAll(c.parameters()));
        values.add(query.limit());
        values.add(query.offset());
        return jdbc.query(select, mapper, values.toArray());
    }

    /**
     * How many features match: known without counting when the page is the end of the answer (shorter than
     * the limit, and not past the end), counted otherwise.
     */
    private long matched(LayerSql s, List<SqlFragment> conditions, FeatureQuery query, int pageSize) {
        if (pageSize < query.limit() && (pageSize > 0 || query.offset() == 0)) {
            return query.offset() + pageSize;
        }
        List<Object> values = asOfValue(query.asOf());
        conditions.forEach(c -> values.addAll(c.parameters()));
        return jdbc.queryForObject(s.count(conditions), Long.class, values.toArray());
    }

    /** The bound values that come first in a statement: the as-of date, when there is one. */
    private static List<Object> asOfValue(LocalDate asOf) {
        List<Object> values = new ArrayList<>();
        if (asOf != null) {
            values.add(asOf);
        }
        return values;
    }

    private List<SqlFragment> conditions(Layer layer, FeatureQuery query) {
        List<SqlFragment> conditions = new ArrayList<>();
        Bbox b = query.bbox();
        if (b != null) {
            // A box over the antimeridian is its two parts either side of it: features in either match.
            String envelope = dialect.envelope(4326);
            List<String> parts = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (Envelope e : b.envelopes()) {
                parts.add("(t.geom && " + envelope + " AND ST_Intersects(t.geom, " + envelope + "))");
                for (int i = 0; i < 2; i++) {
                    values.addAll(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
                }
            }
            conditions.add(new SqlFragment("(" + String.join(" OR ", parts) + ")", values));
        }
        if (query.filter() != null) {
            conditions.add(SqlRenderer.render(query.filter(), layer.queryables(query.audience()), dialect));
        }
        if (query.time() != null) {
            conditions.add(timeCondition(layer, query.time(), query.audience()));
        }
        if (query.geometryFamily() != null) {
            conditions.add(familyCondition(query.geometryFamily()));
        }
        return conditions;
    }

    private SqlFragment familyCondition(GeometryFamily family) {
        return new SqlFragment(geometryFamily, List.of(family.dimension()));
    }

    /**
     * Features whose time span [start, end] meets the interval; an unfinished span is open-ended.
     * Features without dates (zones, parcels) never meet one, as OGC API Features Part 1 (7.15.4) reads.
     * An interval on one date property instead selects the features whose value of it lies in the interval.
     */
    private SqlFragment timeCondition(Layer layer, TimeInterval time, Audience audience) {
        if (time.property() != null) {
            return propertyCondition(layer, time, audience);
        }
        if (layer.temporal().isEmpty()) {
            return new SqlFragment("1 = 0", List.of());
        }
        String[] span = layers.span(layer).orElseThrow();
        StringBuilder sql = new StringBuilder(span[0] + " IS NOT NULL");
        List<Object> values = new ArrayList<>();
        if (time.end() != null) {
            sql.append(" AND ").append(span[0]).append(" <= ?");
            values.add(time.end());
        }
        if (time.start() != null) {
            sql.append(" AND (")
                    .append(span[1])
                    .append(" IS NULL OR ")
                    .append(span[1])
                    .append(" >= ?)");
            values.add(time.start());
        }
        return new SqlFragment(sql.toString(), values);
    }

    /** Features whose date property (a DATE column the audience sees) lies in the interval, ends included. */
    private SqlFragment propertyCondition(Layer layer, TimeInterval time, Audience audience) {
        Field field = layer.field(time.property(), audience)
                .filter(f -> f.type() == FieldType.DATE && f.isColumn())
                .orElseThrow(() -> new IllegalArgumentException("'" + time.property() + "' is not a date property of "
                        + layer.id() + " (requests are checked before they reach the store)"));
        String column = layers.expression(layer, field);
        StringBuilder sql = new StringBuilder(column + " IS NOT NULL");
        List<Object> values = new ArrayList<>();
        if (time.start() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            values.add(time.start());
        }
        if (time.end() != null) {
            sql.append(" AND ").append(column).append(" <= ?");
            values.add(time.end());
        }
        return new SqlFragment(sql.toString(), values);
    }

    private static String orderBy(LayerSql s, FeatureQuery query) {
        StringBuilder order = new StringBuilder();
        for (FeatureQuery.SortKey key : query.sortBy()) {
            Field field = s.layer
                    .field(key.field(), query.audience())
                    .filter(Field::isColumn)
                    .orElseThrow(
                            () -> new IllegalArgumentException("'" + key.field() + "' is not a sortable property of "
                                    + s.layer.id() + " (requests are checked before they reach the store)"));
            order.append("t.")
                    .append(field.column())
                    .append(key.ascending() ? " ASC" : " DESC")
                    .append(", ");
        }
        // The id last keeps pages stable when sort values repeat.
        return order.append("t.").append(s.layer.idColumn()).toString();
    }

    @Override
    public Optional<Feature> get(Layer layer, String id, Audience audience, LocalDate asOf) {
        LayerSql s = sql.get(layer, audience, asOf);
        return asOf == null
                ? jdbc.query(s.selectById, mapper(s.fields), id).stream().findFirst()
                : jdbc.query(s.selectById, mapper(s.fields), asOf, id).stream().findFirst();
    }

    @Override
    public Optional<Envelope> extent(Layer layer, Audience audience, GeometryFamily family) {
        LayerSql s = sql.get(layer, audience, null);
        List<SqlFragment> conditions = family == null ? List.of() : List.of(familyCondition(family));
        List<Object> values = new ArrayList<>();
        conditions.forEach(c -> values.addAll(c.parameters()));
        return jdbc
                .query(
                        s.extent(conditions),
                        (rs, row) -> {
                            double minX = rs.getDouble(1);
                            return rs.wasNull()
                                    ? null
                                    : new Envelope(minX, rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
                        },
                        values.toArray())
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    @Override
    public List<Feature> zonesContaining(double lon, double lat, Audience audience) {
        LayerSql s = sql.get(Layer.ZONES, audience, null);
        return jdbc.query(s.selectContainingPoint, mapper(s.fields), lon, lat, lon, lat);
    }

    /**
     * Up to this many vertices the exact test of {@link #intersecting} runs in SQL; beyond, only the
     * envelope goes to the database and the exact test runs in Java on a JTS prepared geometry,
     * because H2GIS re-reads the bound geometry and tests it unprepared for every candidate row.
     * Measured on H2GIS, circles over about 3,800 parcels: in SQL 0.13 s with 100 vertices, 0.86 s
     * with 1,000, 1.3 s with 2,000 and 48 s with 100,000; by envelope 0.06 s with 2,000 and 3-5 s
     * with 100,000 (most of it reading and validating the request).
     */
    static final int MAX_SQL_VERTICES = 256;

    @Override
    public List<Feature> intersecting(Layer layer, Geometry area, Audience audience, LocalDate asOf) {
        LayerSql s = sql.get(layer, audience, asOf);
        Envelope e = area.getEnvelopeInternal();
        if (e.isNull()) {
            return List.of();
        }
        // The envelope is what both spatial indexes can use (H2GIS only through &&).
        SqlFragment candidates = new SqlFragment(
                "t.geom && " + dialect.envelope(4326), List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
        String order = "t." + layer.idColumn();
        if (area.getNumPoints() <= MAX_SQL_VERTICES) {
            SqlFragment exact = new SqlFragment(
                    "ST_Intersects(t.geom, " + dialect.geometryFromWkb(4326) + ")",
                    List.of(new WKBWriter(2).write(area)));
            List<Object> values = asOfValue(asOf);
            values.addAll(candidates.parameters());
            values.addAll(exact.parameters());
            return jdbc.query(s.all(List.of(candidates, exact), order), mapper(s.fields), values.toArray());
        }
        PreparedGeometry exact = PreparedGeometryFactory.prepare(area);
        List<Object> values = asOfValue(asOf);
        values.addAll(candidates.parameters());
        return jdbc.query(s.all(List.of(candidates), order), mapper(s.fields), values.toArray()).stream()
                .filter(f -> exact.intersects(f.geometry()))
                .toList();
    }

    @Override
    public List<GroupTotal> totals(Layer layer, FeatureQuery query, List<String> groupBy, String sumField) {
        return grouped(layer, query, groupBy, sumField, null);
    }

    @Override
    public List<GroupTotal> totalsByZone(Layer layer, FeatureQuery query, List<String> groupBy, String sumField) {
        return grouped(
                layer,
                query,
                groupBy,
                sumField,
                sql.get(Layer.ZONES, query.audience(), null).zoneJoin());
    }

    /** One statement: the selected rows as (keys…, summed value) in a derived table, grouped outside it. */
    private List<GroupTotal> grouped(
            Layer layer, FeatureQuery query, List<String> groupBy, String sumField, String zoneJoin) {
        LayerSql s = sql.get(layer, query.audience(), query.asOf());
        List<String> keys = new ArrayList<>();
        if (zoneJoin != null) {
            keys.add("z.zone_code");
        }
        for (String name : groupBy) {
            keys.add(expression(layer, name, query.audience()));
        }
        String sum = sumField == null ? "0" : expression(layer, sumField, query.audience());
        StringBuilder inner = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            names.add("g.k" + i);
            inner.append(keys.get(i)).append(" AS k").append(i).append(", ");
        }
        inner.append(sum).append(" AS s");
        List<SqlFragment> conditions = conditions(layer, query);
        List<Object> values = asOfValue(query.asOf());
        conditions.forEach(c -> values.addAll(c.parameters()));
        String statement = s.grouped(names, inner.toString(), zoneJoin == null ? "" : zoneJoin, conditions);
        int n = names.size();
        return jdbc
                .query(
                        statement,
                        (rs, row) -> {
                            List<String> groupKeys = new ArrayList<>(n);
                            for (int i = 1; i <= n; i++) {
                                groupKeys.add(rs.getString(i));
                            }
                            BigDecimal total = rs.getBigDecimal(n + 2);
                            return new GroupTotal(
                                    groupKeys, rs.getLong(n + 1), total == null ? 0 : total.doubleValue());
                        },
                        values.toArray())
                .stream()
                .filter(g -> g.count() > 0)
                .toList();
    }

    /** The SQL (alias {@code t}) of a field the audience may group by; the catalog is the only source. */
    private String expression(Layer layer, String name, Audience audience) {
        if (name.equals(layer.idColumn())) {
            return "t." + layer.idColumn();
        }
        Field field = layer.groupingField(name, audience)
                .orElseThrow(() -> new IllegalArgumentException(
                        layer.id() + " has no field '" + name + "' visible to " + audience));
        return layers.expression(layer, field);
    }

    @Override
    public void insertAll(Layer layer, List<Feature> features) {
        insertRows(layer, features);
        List<Envelope> envelopes =
                features.stream().map(f -> f.geometry().getEnvelopeInternal()).toList();
        overviews.changed(layer, envelopes);
        events.publishEvent(new FeaturesChanged(layer, envelopes));
    }

    /**
     * Streams through its own statement rather than {@link JdbcTemplate}: an export of a large layer
     * may rightly run longer than the API's statement timeout, and PostgreSQL only uses a cursor
     * (instead of reading every row into memory) inside a transaction with a fetch size.
     */
    @Override
    public void forEach(Layer layer, FeatureQuery query, Consumer<Feature> consumer) {
        LayerSql s = sql.get(layer, query.audience(), query.asOf());
        List<SqlFragment> conditions = conditions(layer, query);
        List<Object> values = asOfValue(query.asOf());
        conditions.forEach(c -> values.addAll(c.parameters()));
        String select = s.all(conditions, orderBy(s, query));
        RowMapper<Feature> mapper = mapper(s.fields);
        transaction.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setFetchSize(STREAM_FETCH_SIZE);
                for (int i = 0; i < values.size(); i++) {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, values.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    int row = 0;
                    while (rs.next()) {
                        consumer.accept(mapper.mapRow(rs, row++));
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public Set<String> existingIds(Layer layer, Collection<String> ids) {
        Set<String> existing = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ID_CHUNK));
            existing.addAll(jdbc.queryForList(
                    statements.render(
                            "features/existing-ids",
                            Map.of(
                                    "table",
                                    layer.table(),
                                    "idColumn",
                                    layer.idColumn(),
                                    "ids",
                                    "?, ".repeat(chunk.size() - 1) + "?")),
                    String.class,
                    chunk.toArray()));
        }
        return existing;
    }

    @Override
    public PreparedImport prepareImport(Layer layer, Feature feature) {
        EditingSql editing = this.editing.of(layer);
        Object[] row = editing.copy != null
                // PostgreSQL: the geometry in the text form PostGIS reads in a COPY (hex EWKB)
                ? row(layer, feature, g -> "SRID=4326;" + WKBWriter.toHex(new WKBWriter(2).write(g)))
                : row(layer, feature, g -> new WKBWriter(2).write(g));
        int areaAt = layer.storedFields().size() + 1;
        BigDecimal area = BigDecimal.valueOf((Double) row[areaAt]);
        if (editing.copy != null) {
            row[areaAt] = area; // the same digits in the COPY line, written once (Double.toString is not cheap)
        }
        Map<String, Object> properties = new LinkedHashMap<>(feature.properties());
        properties.put("area_m2", area);
        Feature after = new Feature(feature.id(), properties, feature.geometry());
        Envelope envelope = feature.geometry().getEnvelopeInternal();
        return editing.copy != null
                ? PreparedImport.copied(
                        feature.id(),
                        envelope,
                        CopyIn.line(row).getBytes(StandardCharsets.UTF_8),
                        CopyIn.text(GeoJsonWriter.featureUtf8(after)))
                : PreparedImport.bound(feature.id(), envelope, row, GeoJsonWriter.featureText(after));
    }

    @Override
    public void importBatch(Layer layer, List<PreparedImport> features, String actor) {
        if (features.isEmpty()) {
            return;
        }
        EditingSql editing = this.editing.of(layer);
        if (editing.copy != null) {
            CopyIn.bytes(
                    jdbc, editing.copy, features.stream().map(f -> f.copyLine).toList());
            versions.recordImported(
                    layer,
                    actor,
                    features.stream().map(f -> f.id).toList(),
                    features.stream().map(f -> f.afterCopyText).toList());
        } else {
            jdbc.batchUpdate(
                    editing.insert, features.stream().map(f -> f.values).toList());
            versions.recordAll(
                    layer,
                    Action.IMPORT,
                    actor,
                    features.stream()
                            .map(f -> new VersionLog.Entry(f.id, 1, null, f.afterJson))
                            .toList());
        }
        Envelope changed = new Envelope();
        List<Envelope> each = new ArrayList<>(features.size());
        features.forEach(f -> {
            each.add(f.envelope);
            changed.expandToInclude(f.envelope);
        });
        // The overview cells of each new parcel (not of the batch's box) are built again before the import commits.
        overviews.changed(layer, each);
        // Listeners such as the tile cache run after the commit (or not at all after a rollback).
        events.publishEvent(new FeaturesChanged(layer, List.of(changed)));
    }

    /** Inserts the features in one batch; the rows as bound (id, stored fields, area, [length], WKB). */
    private List<Object[]> insertRows(Layer layer, List<Feature> features) {
        WKBWriter wkb = new WKBWriter(2);
        List<Object[]> rows =
                features.stream().map(f -> row(layer, f, wkb::write)).toList();
        jdbc.batchUpdate(editing.of(layer).insert, rows);
        return rows;
    }

    /** The feature as editing/insert binds it: id, stored fields, area, [length], then {@code geometry}'s value. */
    private Object[] row(Layer layer, Feature feature, Function<Geometry, Object> geometry) {
        boolean withLength = editing.of(layer).withLength;
        List<Field> stored = layer.storedFields();
        List<Object> row = new ArrayList<>();
        row.add(feature.id());
        for (Field field : stored) {
            row.add(toSql(field, feature.properties().get(field.name())));
        }
        row.add(GroundMeasure.areaM2(feature.geometry()));
        if (withLength) {
            row.add(GroundMeasure.lengthM(feature.geometry()));
        }
        row.add(geometry.apply(feature.geometry()));
        return row.toArray();
    }

    @Override
    public boolean isDatasetLoaded(String name) {
        Long n = jdbc.queryForObject(isLoaded, Long.class, name);
        return n != null && n > 0;
    }

    @Override
    public void markDatasetLoaded(String name, int featureCount) {
        jdbc.update(markLoaded, name, featureCount, Timestamp.from(Instant.now()));
    }

    static Object toSql(Field field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case DATE -> java.sql.Date.valueOf(LocalDate.parse(value.toString()));
            case NUMBER -> value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString());
            case BOOLEAN -> value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
            case STRING -> value.toString();
        };
    }

    static RowMapper<Feature> mapper(List<Field> fields) {
        return (rs, row) -> {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                properties.put(fields.get(i).name(), read(rs, i + 2, fields.get(i)));
            }
            return new Feature(rs.getString(1), properties, geometry(rs.getBytes(fields.size() + 2)));
        };
    }

    /**
     * Rows of {@link LayerSql#geoJsonPage}: the geometry column is GeoJSON text where the database writes it
     * (PostGIS), or WKB that is written here with the same decimals.
     */
    static RowMapper<GeoJsonFeature> geoJsonMapper(List<Field> fields) {
        return (rs, row) -> {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                properties.put(fields.get(i).name(), read(rs, i + 2, fields.get(i)));
            }
            Object geometry = rs.getObject(fields.size() + 2);
            return new GeoJsonFeature(
                    rs.getString(1),
                    properties,
                    geometry instanceof String text
                            ? text
                            : GeoJsonWriter.geometryText(geometry((byte[]) geometry), GeoJsonWriter.DEGREE_DECIMALS));
        };
    }

    private static Object read(ResultSet rs, int column, Field field) throws SQLException {
        Object value =
                switch (field.type()) {
                    case STRING -> rs.getString(column);
                    case NUMBER -> rs.getBigDecimal(column);
                    case BOOLEAN -> rs.getBoolean(column);
                    case DATE -> rs.getObject(column, LocalDate.class);
                };
        return rs.wasNull() ? null : value;
    }

    private static Geometry geometry(byte[] wkb) {
        try {
            Geometry geometry = new WKBReader().read(wkb);
            geometry.setSRID(4326);
            return geometry;
        } catch (ParseException e) {
            throw new IllegalStateException("the database returned a geometry that is not valid WKB", e);
        }
    }
}
