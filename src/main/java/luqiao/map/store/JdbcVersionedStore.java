package luqiao.map.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.store.overviews.OverviewStore;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link VersionedStore} over JDBC, for PostGIS and H2GIS alike.
 *
 * <p>Each write locks the row ({@code SELECT ... FOR UPDATE}), compares versions, writes, and
 * inserts its {@code feature_versions} row, in one transaction. Three things keep two writers from
 * both winning: the row lock, the {@code version = ?} condition of the UPDATE, and the unique
 * (layer, feature, version) key of {@code feature_versions}; whichever trips, the loser's
 * transaction rolls back whole and it is told the version is stale.
 */
@Repository
class JdbcVersionedStore implements VersionedStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final EditingSql.Table sql;
    private final VersionLog versions;
    private final String enterChain;
    private final String history;
    private final String firstFromSecond;
    private final SqlStatements statements;
    private final OverviewStore overviews;

    JdbcVersionedStore(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            EditingSql.Table sql,
            VersionLog versions,
            SqlStatements statements,
            OverviewStore overviews) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.sql = sql;
        this.versions = versions;
        this.enterChain = statements.get("chain/insert-event");
        this.history = statements.get("versions/history");
        this.firstFromSecond = statements.get("versions/first-from-second");
        this.statements = statements;
        this.overviews = overviews;
    }

    @Override
    public Optional<StoredFeature> current(Layer layer, String id) {
        EditingSql s = sql.of(layer);
        return jdbc.query(s.select, stored(s), id).stream().findFirst();
    }

    @Override
    public OptionalLong version(Layer layer, String id) {
        return jdbc.queryForList(sql.of(layer).version, Long.class, id).stream()
                .mapToLong(Long::longValue)
                .findFirst();
    }

    @Override
    public Map<String, Long> liveVersions(Layer layer, Collection<String> ids) {
        Map<String, Long> found = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += JdbcSpatialStore.ID_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + JdbcSpatialStore.ID_CHUNK));
            String select = statements.render(
                    "editing/live-versions",
                    Map.of(
                            "table",
                            layer.table(),
                            "idColumn",
                            layer.idColumn(),
                            "ids",
                            "?, ".repeat(chunk.size() - 1) + "?"));
            jdbc.query(
                    select,
                    rs -> {
                        found.put(rs.getString(1), rs.getLong(2));
                    },
                    chunk.toArray());
        }
        return found;
    }

    @Override
    public StoredFeature create(Layer layer, Feature feature, String actor) {
        StoredFeature created = transaction.execute(status -> {
            Optional<StoredFeature> existing = locked(layer, feature.id());
            if (existing.isPresent()) {
                throw new FeatureExistsException(
                        layer, feature.id(), existing.get().deleted());
            }
            try {
                jdbc.update(sql.of(layer).insert, row(layer, feature).toArray());
            } catch (DuplicateKeyException e) {
                throw new FeatureExistsException(layer, feature.id(), false);
            }
            StoredFeature after = current(layer, feature.id()).orElseThrow();
            record(layer, Action.CREATE, null, after, actor);
            if (layer == Layer.PROJECTS) {
                enterChain(feature.id(), (String) after.feature().properties().get("stage"), actor);
            }
            overviews.changed(layer, envelopes(null, after));
            return after;
        });
        changed(layer, null, created);
        return created;
    }

    @Override
    public Optional<StoredFeature> replace(Layer layer, Feature feature, long expected, Action action, String actor) {
        Optional<StoredFeature[]> done = Optional.ofNullable(transaction.execute(status -> {
            Optional<StoredFeature> before = locked(layer, feature.id()).filter(f -> !f.deleted());
            if (before.isEmpty()) {
                return null;
            }
            checkVersion(layer, before.get(), expected);
            List<Object> values = row(layer, feature);
            values.remove(0);
            values.add(feature.id());
            values.add(expected);
            if (jdbc.update(sql.of(layer).update, values.toArray()) != 1) {
                throw stale(layer, feature.id(), expected);
            }
            StoredFeature after = current(layer, feature.id()).orElseThrow();
            record(layer, action, before.get(), after, actor);
            overviews.changed(layer, envelopes(before.get(), after));
            return new StoredFeature[] {before.get(), after};
        }));
        done.ifPresent(d -> changed(layer, d[0], d[1]));
        return done.map(d -> d[1]);
    }

    @Override
    public List<StoredFeature> replaceAll(
            Layer layer, Map<String, Long> expected, UnaryOperator<Feature> change, String actor) {
        List<StoredFeature[]> changed = transaction.execute(status -> {
            List<StoredFeature[]> done = new ArrayList<>();
            // Locked in id order, so two batches over the same features queue instead of deadlocking.
            for (Map.Entry<String, Long> e : new TreeMap<>(expected).entrySet()) {
                String id = e.getKey();
                long version = e.getValue();
                StoredFeature before =
                        locked(layer, id).filter(f -> !f.deleted()).orElseThrow(() -> stale(layer, id, version));
                checkVersion(layer, before, version);
                Feature feature = change.apply(before.feature());
                if (feature.properties().equals(before.feature().properties())
                        && feature.geometry().equalsExact(before.feature().geometry())) {
                    continue;
                }
                List<Object> values = row(layer, feature);
                values.remove(0);
                values.add(id);
                values.add(version);
                if (jdbc.update(sql.of(layer).update, values.toArray()) != 1) {
                    throw stale(layer, id, version);
                }
                StoredFeature after = current(layer, id).orElseThrow();
                record(layer, Action.UPDATE, before, after, actor);
                done.add(new StoredFeature[] {before, after});
                overviews.changed(layer, envelopes(before, after));
            }
            return done;
        });
        if (!changed.isEmpty()) {
            // One event for the batch: the old and the new position of each changed feature, as a single edit names
            // them.
            List<Envelope> envelopes = new ArrayList<>();
            changed.forEach(d -> {
                envelopes.add(d[0].feature().geometry().getEnvelopeInternal());
                envelopes.add(d[1].feature().geometry().getEnvelopeInternal());
            });
            events.publishEvent(new FeaturesChanged(layer, envelopes));
        }
        return changed.stream().map(d -> d[1]).toList();
    }

    @Override
    public Optional<StoredFeature> setDeleted(Layer layer, String id, boolean deleted, long expected, String actor) {
        Optional<StoredFeature[]> done = Optional.ofNullable(transaction.execute(status -> {
            Optional<StoredFeature> before = locked(layer, id).filter(f -> f.deleted() != deleted);
            if (before.isEmpty()) {
                return null;
            }
            checkVersion(layer, before.get(), expected);
            OffsetDateTime at = deleted ? VersionLog.now() : null;
            if (jdbc.update(sql.of(layer).setDeleted, at, id, expected) != 1) {
                throw stale(layer, id, expected);
            }
            StoredFeature after = current(layer, id).orElseThrow();
            record(layer, deleted ? Action.DELETE : Action.UNDELETE, before.get(), after, actor);
            overviews.changed(layer, envelopes(before.get(), after));
            return new StoredFeature[] {before.get(), after};
        }));
        done.ifPresent(d -> changed(layer, d[0], d[1]));
        return done.map(d -> d[1]);
    }

    /**
     * A new project enters the project chain at its initial stage on the day it is created, so views
     * "as of" an earlier date leave it out instead of showing it as if it had always existed.
     */
    private void enterChain(String code, String stage, String actor) {
        jdbc.update(enterChain, code, null, stage, LocalDate.now(), actor, "created", Timestamp.from(Instant.now()));
    }

    @Override
    public List<FeatureVersion> history(Layer layer, String id) {
        return jdbc.query(
                history,
                (rs, row) -> new FeatureVersion(
                        rs.getLong(1),
                        Action.of(rs.getString(2)),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5),
                        rs.getString(6)),
                layer.id(),
                id);
    }

    @Override
    public int recordFirstVersions(Layer layer, String actor) {
        EditingSql s = sql.of(layer);
        RowMapper<StoredFeature> stored = stored(s);
        List<VersionLog.Entry> entries = new ArrayList<>(jdbc.query(
                s.unrecordedFirst,
                (rs, row) -> {
                    StoredFeature first = stored.mapRow(rs, row);
                    return new VersionLog.Entry(first.feature().id(), 1, null, FeatureJson.write(first));
                },
                layer.id()));
        entries.addAll(jdbc.query(
                firstFromSecond,
                (rs, row) -> new VersionLog.Entry(rs.getString(1), 1, null, rs.getString(2)),
                layer.id()));
        versions.recordAll(layer, Action.IMPORT, actor, entries);
        return entries.size();
    }

    /** A row read with every field, then its version and deletion time, as editing/select reads it. */
    private static RowMapper<StoredFeature> stored(EditingSql s) {
        RowMapper<Feature> feature = JdbcSpatialStore.mapper(s.staffFields);
        int version = s.staffFields.size() + 3;
        return (rs, row) -> new StoredFeature(
                feature.mapRow(rs, row), rs.getLong(version), rs.getObject(version + 1, OffsetDateTime.class));
    }

    /** The row with its version, locked until the transaction ends, so concurrent writers queue here. */
    private Optional<StoredFeature> locked(Layer layer, String id) {
        List<Long> found = jdbc.queryForList(sql.of(layer).lock, Long.class, id);
        return found.isEmpty() ? Optional.empty() : current(layer, id);
    }

    private static void checkVersion(Layer layer, StoredFeature before, long expected) {
        if (before.version() != expected) {
            throw new StaleVersionException(layer, before.feature().id(), expected, before.version());
        }
    }

    private StaleVersionException stale(Layer layer, String id, long expected) {
        return new StaleVersionException(
                layer,
                id,
                expected,
                current(layer, id).map(StoredFeature::version).orElse(-1L));
    }

    private void record(Layer layer, Action action, StoredFeature before, StoredFeature after, String actor) {
        versions.record(
                layer,
                action,
                actor,
                new VersionLog.Entry(
                        after.feature().id(),
                        after.version(),
                        before == null ? null : FeatureJson.write(before),
                        FeatureJson.write(after)));
    }

    /** The INSERT values in {@link EditingSql#insert} order: id, stored fields, area, [length], geometry. */
    private List<Object> row(Layer layer, Feature feature) {
        List<Object> row = new ArrayList<>();
        row.add(feature.id());
        for (Field field : layer.storedFields()) {
            row.add(JdbcSpatialStore.toSql(field, feature.properties().get(field.name())));
        }
        row.add(GroundMeasure.areaM2(feature.geometry()));
        if (sql.of(layer).withLength) {
            row.add(GroundMeasure.lengthM(feature.geometry()));
        }
        row.add(new WKBWriter(2).write(feature.geometry()));
        return row;
    }

    /** After the commit: the tiles under the old and the new position are stale. */
    private void changed(Layer layer, StoredFeature before, StoredFeature after) {
        events.publishEvent(new FeaturesChanged(layer, envelopes(before, after)));
    }

    /** The old (unless created) and the new position of a written feature. */
    private static List<Envelope> envelopes(StoredFeature before, StoredFeature after) {
        List<Envelope> envelopes = new ArrayList<>();
        if (before != null) {
            envelopes.add(before.feature().geometry().getEnvelopeInternal());
        }
        envelopes.add(after.feature().geometry().getEnvelopeInternal());
        return envelopes;
    }
}
