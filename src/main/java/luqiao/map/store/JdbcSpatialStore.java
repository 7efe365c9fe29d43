package luqiao.map.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geometry.Bbox;
import luqiao.map.geometry.GroundMeasure;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

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

    private final JdbcTemplate jdbc;
    private final Map<Layer, Map<Audience, LayerSql>> sql = new EnumMap<>(Layer.class);
    private final Map<Layer, Map<Audience, IntersectingSql>> intersectingSql = IntersectingSql.forEveryLayer();

    JdbcSpatialStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        for (Layer layer : Layer.values()) {
            Map<Audience, LayerSql> byAudience = new EnumMap<>(Audience.class);
            for (Audience audience : Audience.values()) {
                byAudience.put(audience, new LayerSql(layer, audience));
            }
            sql.put(layer, byAudience);
        }
    }

    @Override
    public FeaturePage find(Layer layer, FeatureQuery query) {
        LayerSql s = sql.get(layer).get(query.audience());
        RowMapper<Feature> mapper = mapper(s.fields);
        Bbox b = query.bbox();
        if (b == null) {
            List<Feature> page = jdbc.query(s.selectPage, mapper, query.limit(), query.offset());
            return new FeaturePage(page, countOf(page, query, () -> jdbc.queryForObject(s.count, Long.class)));
        }
        Object[] box = {b.minLon(), b.minLat(), b.maxLon(), b.maxLat(), b.minLon(), b.minLat(), b.maxLon(), b.maxLat()};
        List<Feature> page = jdbc.query(s.selectPageInBbox, mapper, append(box, query.limit(), query.offset()));
        return new FeaturePage(page, countOf(page, query, () -> jdbc.queryForObject(s.countInBbox, Long.class, box)));
    }

    /** Skips the count query when the page itself shows the total (a short first page). */
    private static long countOf(List<Feature> page, FeatureQuery query, Supplier<Long> count) {
        if (query.offset() == 0 && page.size() < query.limit()) {
            return page.size();
        }
        return count.get();
    }

    @Override
    public Optional<Feature> get(Layer layer, String id, Audience audience) {
        LayerSql s = sql.get(layer).get(audience);
        return jdbc.query(s.selectById, mapper(s.fields), id).stream().findFirst();
    }

    @Override
    public List<Feature> zonesContaining(double lon, double lat, Audience audience) {
        LayerSql s = sql.get(Layer.ZONES).get(audience);
        return jdbc.query(s.selectContainingPoint, mapper(s.fields), lon, lat, lon, lat);
    }

    @Override
    public List<Feature> intersecting(Layer layer, Geometry area, Audience audience) {
        IntersectingSql s = intersectingSql.get(layer).get(audience);
        org.locationtech.jts.geom.Envelope e = area.getEnvelopeInternal();
        if (e.isNull()) {
            return List.of();
        }
        if (area.getNumPoints() <= IntersectingSql.MAX_SQL_VERTICES) {
            byte[] wkb = new WKBWriter(2).write(area);
            return jdbc.query(s.sql, mapper(s.fields), e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), wkb);
        }
        org.locationtech.jts.geom.prep.PreparedGeometry exact =
                org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(area);
        return jdbc.query(s.byEnvelope, mapper(s.fields), e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())
                .stream().filter(f -> exact.intersects(f.geometry())).toList();
    }

    @Override
    public void insertAll(Layer layer, List<Feature> features) {
        boolean withLength = layer.fields(Audience.STAFF).stream().anyMatch(f -> f.name().equals("length_m"));
        List<Field> stored = layer.storedFields();
        WKBWriter wkb = new WKBWriter(2);
        List<Object[]> rows = new ArrayList<>(features.size());
        for (Feature feature : features) {
            List<Object> row = new ArrayList<>();
            row.add(feature.id());
            for (Field field : stored) {
                row.add(toSql(field, feature.properties().get(field.name())));
            }
            row.add(GroundMeasure.areaM2(feature.geometry()));
            if (withLength) {
                row.add(GroundMeasure.lengthM(feature.geometry()));
            }
            row.add(wkb.write(feature.geometry()));
            rows.add(row.toArray());
        }
        jdbc.batchUpdate(LayerSql.insert(layer, withLength), rows);
    }

    @Override
    public boolean isDatasetLoaded(String name) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dataset_loads WHERE name = ?", Long.class, name);
        return n != null && n > 0;
    }

    @Override
    public void markDatasetLoaded(String name, int featureCount) {
        jdbc.update("INSERT INTO dataset_loads (name, feature_count, loaded_at) VALUES (?, ?, ?)",
                name, featureCount, Timestamp.from(Instant.now()));
    }

    private static Object toSql(Field field, Object value) {
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

    private static RowMapper<Feature> mapper(List<Field> fields) {
        return (rs, row) -> {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                properties.put(fields.get(i).name(), read(rs, i + 2, fields.get(i)));
            }
            return new Feature(rs.getString(1), properties, geometry(rs.getBytes(fields.size() + 2)));
        };
    }

    private static Object read(ResultSet rs, int column, Field field) throws SQLException {
        Object value = switch (field.type()) {
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

    private static Object[] append(Object[] head, Object... tail) {
        Object[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
