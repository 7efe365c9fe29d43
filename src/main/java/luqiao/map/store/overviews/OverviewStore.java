package luqiao.map.store.overviews;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import luqiao.map.catalog.Layer;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.store.SqlStatements;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Zoom overviews of the parcels: at the zooms where most parcels are a pixel or two (z from
 * {@code luqiao.tiles.overviews.min-zoom} up to a cut derived from their sizes, {@link OverviewLevels#cut}), one row
 * per (cell, land-use class, status, size band), a cell being the tile of zoom z + 2 and the band the parcels' size
 * at that zoom (-1 for those too small to be drawn), with the group's count, area and the union of its parcels
 * ({@code sql/common/overviews/build.sql} for the finest level, {@code build-coarser.sql} taking each coarser one's
 * undrawn counts from the level just finer). Tiles of those zooms read these rows instead of the parcels
 * (store.tiles), the larger bands drawn first as the full render draws the larger parcels first.
 *
 * <p>Every write of parcels reports its envelopes here ({@link #changed}) inside its transaction; the cells they touch
 * are built again from the parcels just before that transaction commits, so the overviews never show another state
 * than the parcels, and a transaction of many writes (an import's batches) refreshes each cell once. A write touching
 * more than {@code rebuild-cells} cells of a level rebuilds that level whole, set-based.
 */
@Repository
public class OverviewStore {

    private static final Logger log = LoggerFactory.getLogger(OverviewStore.class);
    /** The start-up build's lock name (store.cluster.ClusterLock), so instances starting together build once. */
    public static final String LOCK = "overviews";
    /** How long this instance trusts the levels it read: a rebuild by another process is seen within this time. */
    private static final long LEVELS_TTL_NANOS = 5_000_000_000L;

    private static final Layer LAYER = Layer.PARCELS;
    private static final String CELLS_PARCELS = "AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";
    private static final String CELLS_ONLY = "WHERE p.cell_key = ANY(?)";
    private static final String CHILDREN = "AND c.cell_x BETWEEN ? AND ? AND c.cell_y BETWEEN ? AND ?";

    /** Set once, at start, when the overviews were missing and built then ({@link #buildIfMissing}). */
    private volatile Rebuilt builtAtStart;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final OverviewSettings settings;
    private final double minAreaPixels;
    private final String buildLevel;
    private final String buildCells;
    private final String coarserLevel;
    private final String coarserCells;
    private final String deleteLevel;
    private final String deleteCells;
    private final String deleteLayer;
    private final String deleteLevels;
    private final String levels;
    private final String lockLevels;
    private final String saveLevels;
    private final String sizes;
    /** The levels last read, and when; null until first asked (compared by difference: nanoTime may be negative). */
    private volatile Cached cached;

    private record Cached(Optional<OverviewLevels> levels, long readAt) {}

    /** What a rebuild made: the levels (empty when the layer has none) and the rows written. */
    public record Rebuilt(Optional<OverviewLevels> levels, int rows, long millis) {}

    OverviewStore(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            SqlStatements sql,
            OverviewSettings settings,
            @Value("${luqiao.tiles.min-area-pixels:1.0}") double minAreaPixels) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.settings = settings;
        this.minAreaPixels = minAreaPixels;
        this.buildLevel = sql.render("overviews/build", Map.of("parcels", "", "cells", ""));
        this.buildCells = sql.render("overviews/build", Map.of("parcels", CELLS_PARCELS, "cells", CELLS_ONLY));
        this.coarserLevel = sql.render("overviews/build-coarser", Map.of("children", "", "parcels", "", "cells", ""));
        this.coarserCells = sql.render(
                "overviews/build-coarser",
                Map.of("children", CHILDREN, "parcels", CELLS_PARCELS, "cells", "WHERE g.cell_key = ANY(?)"));
        this.deleteLevel = sql.get("overviews/delete-level");
        this.deleteCells = sql.get("overviews/delete-cells");
        this.deleteLayer = sql.get("overviews/delete-layer");
        this.deleteLevels = sql.get("overviews/delete-levels");
        this.levels = sql.get("overviews/levels");
        this.lockLevels = sql.get("overviews/lock-levels");
        this.saveLevels = sql.get("overviews/save-levels");
        this.sizes = sql.get("overviews/size-distribution");
    }

    /**
     * The zoom levels tiles of the layer read from overviews; empty when overviews are off, the layer has none
     * (zones, projects) or they are not built yet. Read from the database at most every few seconds.
     */
    public Optional<OverviewLevels> levels(Layer layer) {
        if (!settings.enabled() || layer != LAYER) {
            return Optional.empty();
        }
        Cached c = cached;
        if (c == null || System.nanoTime() - c.readAt() > LEVELS_TTL_NANOS) {
            c = new Cached(readLevels(), System.nanoTime());
            cached = c;
        }
        return c.levels();
    }

    /** Whether tiles of the layer at zoom z read the overviews. */
    public boolean serves(Layer layer, int z) {
        return levels(layer).filter(l -> l.includes(z)).isPresent();
    }

    /**
     * Features of the layer changed within these envelopes (old and new positions). In a transaction the touched
     * cells are rebuilt just before it commits, once for all the changes it made; outside one, at once.
     */
    public void changed(Layer layer, Collection<Envelope> envelopes) {
        if (layer != LAYER || !settings.enabled() || envelopes.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh(List.copyOf(envelopes));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.envelopes.addAll(envelopes);
    }

    /** The envelopes one transaction changed, refreshed before it commits. */
    private final class Pending implements TransactionSynchronization {

        final List<Envelope> envelopes = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            refresh(envelopes);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(OverviewStore.this);
        }
    }

    private void refresh(List<Envelope> envelopes) {
        // As this transaction sees them, not as cached; locked, so concurrent writers' refreshes take turns.
        Optional<OverviewLevels> built = readLevels(lockLevels);
        if (built.isEmpty()) {
            return;
        }
        OverviewLevels l = built.get();
        // The finest level first: each coarser one takes its undrawn parcels' counts from the level just finer.
        for (int z = l.maxZoom(); z >= l.minZoom(); z--) {
            OverviewCells cells = OverviewCells.touched(z, envelopes, settings.rebuildCells());
            if (cells.keys.size() > settings.rebuildCells()) {
                jdbc.update(deleteLevel, LAYER.id(), z);
                buildLevel(l, z);
            } else if (!cells.keys.isEmpty()) {
                refreshCells(l, z, cells);
            }
        }
    }

    private void refreshCells(OverviewLevels l, int z, OverviewCells cells) {
        Long[] keys = cells.keys.toArray(Long[]::new);
        jdbc.update(deleteCells, ps -> {
            ps.setString(1, LAYER.id());
            ps.setInt(2, z);
            ps.setInt(3, cells.minX);
            ps.setInt(4, cells.maxX);
            ps.setInt(5, cells.minY);
            ps.setInt(6, cells.maxY);
            ps.setArray(7, array(ps, keys));
        });
        double[] box = cells.lonLatBox(z);
        boolean finest = z == l.maxZoom();
        jdbc.update(finest ? buildCells : coarserCells, ps -> {
            int i;
            if (finest) {
                i = buildValues(ps, l, z);
            } else {
                i = coarserValues(ps, l, z, 1);
                ps.setInt(i++, 2 * cells.minX); // the children of the cells: twice their indices, and one more
                ps.setInt(i++, 2 * cells.maxX + 1);
                ps.setInt(i++, 2 * cells.minY);
                ps.setInt(i++, 2 * cells.maxY + 1);
                i = visibleValues(ps, l, z, i);
            }
            for (double v : box) {
                ps.setDouble(i++, v);
            }
            ps.setArray(i, array(ps, keys));
        });
    }

    /**
     * Builds a whole level through a statement of its own, without the API's statement timeout: over a million parcels
     * it rightly runs longer (a rebuild, or an import touching most cells).
     */
    private int buildLevel(OverviewLevels l, int z) {
        boolean finest = z == l.maxZoom();
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement(finest ? buildLevel : coarserLevel)) {
                ps.setQueryTimeout(0);
                if (finest) {
                    buildValues(ps, l, z);
                } else {
                    visibleValues(ps, l, z, coarserValues(ps, l, z, 1));
                }
                return ps.executeUpdate();
            }
        });
    }

    /** Binds build.sql's leading values; the index of the next. */
    private static int buildValues(PreparedStatement ps, OverviewLevels l, int z) throws SQLException {
        double cellsAcross = 1L << (z + 2);
        ps.setString(1, LAYER.id());
        ps.setInt(2, z);
        ps.setDouble(3, l.toleranceDegrees(z));
        for (int i = 4; i <= 7; i++) {
            ps.setDouble(i, cellsAcross);
        }
        ps.setDouble(8, l.minAreaM2(z));
        return 9;
    }

    /** Binds build-coarser.sql's values up to its children's box (layer, z, tolerance, cell scale, finer level). */
    private static int coarserValues(PreparedStatement ps, OverviewLevels l, int z, int from) throws SQLException {
        double cellsAcross = 1L << (z + 2);
        int i = from;
        ps.setString(i++, LAYER.id());
        ps.setInt(i++, z);
        ps.setDouble(i++, l.toleranceDegrees(z));
        ps.setDouble(i++, cellsAcross);
        ps.setDouble(i++, cellsAcross);
        ps.setString(i++, LAYER.id());
        ps.setInt(i++, z + 1);
        return i;
    }

    /**
     * Binds build-coarser.sql's visible parcels' values (cell scale twice, smallest area for their size band and for
     * the area index); the next index.
     */
    private static int visibleValues(PreparedStatement ps, OverviewLevels l, int z, int from) throws SQLException {
        double cellsAcross = 1L << (z + 2);
        int i = from;
        ps.setDouble(i++, cellsAcross);
        ps.setDouble(i++, cellsAcross);
        ps.setDouble(i++, l.minAreaM2(z));
        ps.setDouble(i++, l.minAreaM2(z));
        return i;
    }

    private static Array array(PreparedStatement ps, Long[] keys) throws SQLException {
        return ps.getConnection().createArrayOf("BIGINT", keys);
    }

    /**
     * Builds every overview of the parcels anew, in one transaction: levels derived from their sizes now, then each
     * level set-based. With overviews off, drops them instead (so switching on again builds them anew).
     */
    public Rebuilt rebuild() {
        long started = System.nanoTime();
        Rebuilt rebuilt = transaction.execute(status -> {
            jdbc.update(deleteLayer, LAYER.id());
            jdbc.update(deleteLevels, LAYER.id());
            if (!settings.enabled()) {
                return new Rebuilt(Optional.empty(), 0, 0);
            }
            Optional<OverviewLevels> derived = derive();
            int rows = 0;
            if (derived.isPresent()) {
                OverviewLevels l = derived.get();
                for (int z = l.maxZoom(); z >= l.minZoom(); z--) { // the finest first: the others read it
                    rows += buildLevel(l, z);
                }
                jdbc.update(
                        saveLevels,
                        LAYER.id(),
                        l.minZoom(),
                        l.maxZoom(),
                        l.latitude(),
                        l.minAreaPixels(),
                        Timestamp.from(Instant.now()));
            }
            return new Rebuilt(derived, rows, 0);
        });
        cached = new Cached(rebuilt.levels(), System.nanoTime());
        // Any overview tile may have changed (the levels too): caches here and on other instances drop the layer's.
        events.publishEvent(new FeaturesChanged(LAYER, List.of(new Envelope(-180, 180, -90, 90))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "Overviews of {} rebuilt: {} ({} rows) in {} ms",
                LAYER.id(),
                rebuilt.levels()
                        .map(l -> "zooms " + l.minZoom() + ".." + l.maxZoom())
                        .orElse("none"),
                rebuilt.rows(),
                millis);
        return new Rebuilt(rebuilt.levels(), rebuilt.rows(), millis);
    }

    /**
     * At start: builds the overviews when there are parcels but no overviews (a database loaded by COPY, a data set
     * just loaded, an upgrade), and drops them when overviews are off.
     */
    public void buildIfMissing() {
        if (!settings.enabled()) {
            if (readLevels().isPresent()) {
                rebuild();
            }
            return;
        }
        if (readLevels().isEmpty() && derive().isPresent()) {
            builtAtStart = rebuild();
        }
    }

    /** What {@link #buildIfMissing} built when this process started, if it found them missing. */
    public Optional<Rebuilt> builtAtStart() {
        return Optional.ofNullable(builtAtStart);
    }

    /** The levels the parcels' sizes call for now; empty when they call for none or there are no parcels. */
    private Optional<OverviewLevels> derive() {
        return jdbc.query(sizes, rs -> {
            rs.next();
            if (rs.getLong(4) == 0) {
                return Optional.empty();
            }
            double median = rs.getDouble(1);
            double latitude = (rs.getDouble(2) + rs.getDouble(3)) / 2;
            OptionalInt cut = OverviewLevels.cut(median, latitude, settings.minZoom());
            return cut.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new OverviewLevels(settings.minZoom(), cut.getAsInt(), latitude, minAreaPixels));
        });
    }

    private Optional<OverviewLevels> readLevels() {
        return readLevels(levels);
    }

    private Optional<OverviewLevels> readLevels(String statement) {
        return jdbc
                .query(
                        statement,
                        (rs, row) -> new OverviewLevels(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4)),
                        LAYER.id())
                .stream()
                .findFirst();
    }
}
