package luqiao.map.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;

/**
 * The query behind {@link SpatialStore#intersecting}: the features of one layer, for one audience,
 * whose geometry intersects a bound geometry. Built once from the catalog; values are bound.
 *
 * <p>The condition is {@code t.geom && envelope AND ST_Intersects(t.geom, ST_GeomFromWKB(?, 4326))}:
 * the envelope (four bound numbers) is what both spatial indexes can use (H2GIS only through
 * {@code &&}), and the exact test then runs on the few rows it leaves. Kept apart from
 * {@link LayerSql} so the feature-query SQL can grow without touching it.
 */
final class IntersectingSql {

    private static final Pattern PLAIN_COLUMN = Pattern.compile("[a-z_0-9]+");

    final List<Field> fields;
    final String sql;

    /** One query per layer and audience. */
    static Map<Layer, Map<Audience, IntersectingSql>> forEveryLayer() {
        Map<Layer, Map<Audience, IntersectingSql>> all = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            Map<Audience, IntersectingSql> byAudience = new EnumMap<>(Audience.class);
            for (Audience audience : Audience.values()) {
                byAudience.put(audience, new IntersectingSql(layer, audience));
            }
            all.put(layer, byAudience);
        }
        return all;
    }

    IntersectingSql(Layer layer, Audience audience) {
        this.fields = layer.fields(audience);
        StringBuilder select = new StringBuilder("SELECT t.").append(layer.idColumn());
        for (Field field : fields) {
            select.append(", ").append(PLAIN_COLUMN.matcher(field.column()).matches() ? "t." + field.column() : field.column());
        }
        select.append(", ST_AsBinary(t.geom) FROM ").append(layer.table()).append(" t WHERE ");
        List<String> conditions = new ArrayList<>();
        layer.rowFilter(audience).ifPresent(conditions::add);
        conditions.add("t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
        conditions.add("ST_Intersects(t.geom, ST_GeomFromWKB(?, 4326))");
        this.sql = select + String.join(" AND ", conditions) + " ORDER BY t." + layer.idColumn();
    }
}
