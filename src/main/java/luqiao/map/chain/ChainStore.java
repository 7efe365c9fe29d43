package luqiao.map.chain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The chain's own tables ({@code project_stage_events}, {@code project_stage_plans}) and the project
 * columns a transition writes. Reads of the projects themselves go through {@code SpatialStore}, which
 * applies what each audience may see.
 */
@Repository
class ChainStore {

    private final JdbcTemplate jdbc;

    ChainStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a transition needs of the project row, locked until the transaction ends; empty when there is none. */
    record Locked(Stage stage, long version, LocalDate actualStart, LocalDate actualFinish) {
    }

    Optional<Locked> lock(String code) {
        return jdbc.query("SELECT stage, version, actual_start, actual_finish FROM projects WHERE code = ? AND deleted_at IS NULL FOR UPDATE",
                (rs, row) -> new Locked(Stage.of(rs.getString(1)).orElseThrow(), rs.getLong(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)), code).stream().findFirst();
    }

    /** The project's events, oldest first (by date, then by the order they were recorded). */
    List<StageEvent> events(String code) {
        return jdbc.query("SELECT id, from_stage, to_stage, occurred_on, actor, note, recorded_at FROM project_stage_events"
                + " WHERE project_code = ? ORDER BY occurred_on, id", (rs, row) -> new StageEvent(rs.getLong(1),
                Stage.of(rs.getString(2)).orElse(null), Stage.of(rs.getString(3)).orElseThrow(),
                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), code);
    }

    /** Planned dates of 前期 and 招引 (those of 开工 and 竣工 are the project's planned_start and planned_finish). */
    Map<Stage, LocalDate> plans(String code) {
        Map<Stage, LocalDate> plans = new EnumMap<>(Stage.class);
        jdbc.query("SELECT stage, planned_on FROM project_stage_plans WHERE project_code = ?", rs -> {
            plans.put(Stage.of(rs.getString(1)).orElseThrow(), rs.getObject(2, LocalDate.class));
        }, code);
        return plans;
    }

    /** {@link #plans(String)} of every project. */
    Map<String, Map<Stage, LocalDate>> allPlans() {
        Map<String, Map<Stage, LocalDate>> plans = new HashMap<>();
        jdbc.query("SELECT project_code, stage, planned_on FROM project_stage_plans", rs -> {
            plans.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(Stage.class))
                    .put(Stage.of(rs.getString(2)).orElseThrow(), rs.getObject(3, LocalDate.class));
        });
        return plans;
    }

    /** The project's version (V5), what If-Match names. */
    long version(String code) {
        return jdbc.queryForObject("SELECT version FROM projects WHERE code = ?", Long.class, code);
    }

    Optional<LocalDate> landAcquiredOn(String code) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT land_acquired_on FROM projects WHERE code = ?", LocalDate.class, code));
    }

    void insertEvent(String code, Stage from, Stage to, LocalDate on, String actor, String note) {
        jdbc.update("INSERT INTO project_stage_events (project_code, from_stage, to_stage, occurred_on, actor, note, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", code, from == null ? null : from.label(), to.label(), on, actor, note,
                Timestamp.from(Instant.now()));
    }

    /** Moves the project to {@code stage} with its actual dates, one version on. */
    void moveProject(String code, Stage stage, LocalDate actualStart, LocalDate actualFinish) {
        jdbc.update("UPDATE projects SET stage = ?, actual_start = ?, actual_finish = ?, version = version + 1 WHERE code = ?",
                stage.label(), actualStart, actualFinish, code);
    }

    /** The row of the project's edit history (V5) for this change: the feature before and after, as GeoJSON. */
    void recordVersion(String code, long version, String actor, String before, String after) {
        jdbc.update("INSERT INTO feature_versions (layer, feature_id, version, action, actor, changed_at, before_json, after_json)"
                + " VALUES ('projects', ?, ?, 'update', ?, ?, ?, ?)", code, version, actor, Timestamp.from(Instant.now()), before, after);
    }

    /** The shipped history's rows, written as they are (the loader's, once). */
    void insertSeed(List<Object[]> events, List<Object[]> plans, List<Object[]> land) {
        jdbc.batchUpdate("INSERT INTO project_stage_events (project_code, from_stage, to_stage, occurred_on, actor, note, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", events);
        jdbc.batchUpdate("INSERT INTO project_stage_plans (project_code, stage, planned_on) VALUES (?, ?, ?)", plans);
        jdbc.batchUpdate("UPDATE projects SET land_acquired_on = ? WHERE code = ?", land);
    }
}
