package luqiao.map.store.chain;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.store.SqlStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The project chain's tables ({@code project_stage_events}, {@code project_stage_plans}) and the project
 * columns a transition writes. Stages are their stored labels (谋划, 前期, …): what they mean and which
 * moves are allowed is the chain's business ({@code luqiao.map.chain}), not the store's. Reads of the
 * projects themselves go through {@code SpatialStore}, which applies what each audience may see; the
 * version row of a transition goes through {@code VersionLog}. Statements: {@code sql/common/chain/*.sql}.
 */
@Repository
public class ChainStore {

    /** What a transition needs of the project row: its stage label, version and actual dates. */
    public record LockedProject(String stage, long version, LocalDate actualStart, LocalDate actualFinish) {}

    /** One recorded transition; {@code fromStage} is null for the first (the project was conceived). */
    public record Event(
            long id,
            String fromStage,
            String toStage,
            LocalDate occurredOn,
            String actor,
            String note,
            Instant recordedAt) {}

    /** One event of the shipped history, as the data set has it (no actor). */
    public record SeedEvent(String code, String fromStage, String toStage, LocalDate occurredOn, String note) {}

    /** One planned date of the shipped history. */
    public record SeedPlan(String code, String stage, LocalDate plannedOn) {}

    /** The day a project's land was acquired, from the shipped history. */
    public record SeedLand(String code, LocalDate acquiredOn) {}

    private final JdbcTemplate jdbc;
    private final String lockProject;
    private final String events;
    private final String plans;
    private final String allPlans;
    private final String projectVersion;
    private final String landAcquiredOn;
    private final String insertEvent;
    private final String moveProject;
    private final String unchainedProjects;
    private final String insertPlan;
    private final String setLandAcquiredOn;

    ChainStore(JdbcTemplate jdbc, SqlStatements sql) {
        this.jdbc = jdbc;
        this.lockProject = sql.get("chain/lock-project");
        this.events = sql.get("chain/events");
        this.plans = sql.get("chain/plans");
        this.allPlans = sql.get("chain/all-plans");
        this.projectVersion = sql.get("chain/project-version");
        this.landAcquiredOn = sql.get("chain/land-acquired-on");
        this.insertEvent = sql.get("chain/insert-event");
        this.moveProject = sql.get("chain/move-project");
        this.unchainedProjects = sql.get("chain/unchained-projects");
        this.insertPlan = sql.get("chain/insert-plan");
        this.setLandAcquiredOn = sql.get("chain/set-land-acquired-on");
    }

    /** The live project's row, locked until the transaction ends; empty when there is none. */
    public Optional<LockedProject> lock(String code) {
        return jdbc
                .query(
                        lockProject,
                        (rs, row) -> new LockedProject(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getObject(3, LocalDate.class),
                                rs.getObject(4, LocalDate.class)),
                        code)
                .stream()
                .findFirst();
    }

    /** The project's events, oldest first (by date, then by the order they were recorded). */
    public List<Event> events(String code) {
        return jdbc.query(
                events,
                (rs, row) -> new Event(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()),
                code);
    }

    /** Planned dates by stage label (前期 and 招引; those of 开工 and 竣工 are the project's planned_start and planned_finish). */
    public Map<String, LocalDate> plans(String code) {
        Map<String, LocalDate> found = new LinkedHashMap<>();
        jdbc.query(
                plans,
                rs -> {
                    found.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                },
                code);
        return found;
    }

    /** {@link #plans(String)} of every project, by project code. */
    public Map<String, Map<String, LocalDate>> allPlans() {
        Map<String, Map<String, LocalDate>> found = new HashMap<>();
        jdbc.query(allPlans, rs -> {
            found.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>())
                    .put(rs.getString(2), rs.getObject(3, LocalDate.class));
        });
        return found;
    }

    /** The project's version (V5), what If-Match names. */
    public long version(String code) {
        return jdbc.queryForObject(projectVersion, Long.class, code);
    }

    public Optional<LocalDate> landAcquiredOn(String code) {
        return Optional.ofNullable(jdbc.queryForObject(landAcquiredOn, LocalDate.class, code));
    }

    /** Records a transition ({@code fromStage} null: the first), recorded now. */
    public void insertEvent(String code, String fromStage, String toStage, LocalDate on, String actor, String note) {
        jdbc.update(insertEvent, code, fromStage, toStage, on, actor, note, Timestamp.from(Instant.now()));
    }

    /** Moves the project to {@code stage} with its actual dates, one version on. */
    public void moveProject(String code, String stage, LocalDate actualStart, LocalDate actualFinish) {
        jdbc.update(moveProject, stage, actualStart, actualFinish, code);
    }

    /** The stage label of each live project that has no event yet, by code. */
    public Map<String, String> unchainedStages() {
        Map<String, String> stages = new HashMap<>();
        jdbc.query(unchainedProjects, rs -> {
            stages.put(rs.getString(1), rs.getString(2));
        });
        return stages;
    }

    /** The shipped history's rows, written as they are (the loader's, once), all recorded now. */
    public void insertSeed(List<SeedEvent> seedEvents, List<SeedPlan> seedPlans, List<SeedLand> land) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate(
                insertEvent,
                seedEvents.stream()
                        .map(e -> new Object[] {
                            e.code(), e.fromStage(), e.toStage(), Date.valueOf(e.occurredOn()), null, e.note(), now
                        })
                        .toList());
        jdbc.batchUpdate(
                insertPlan,
                seedPlans.stream()
                        .map(p -> new Object[] {p.code(), p.stage(), Date.valueOf(p.plannedOn())})
                        .toList());
        jdbc.batchUpdate(
                setLandAcquiredOn,
                land.stream()
                        .map(l -> new Object[] {Date.valueOf(l.acquiredOn()), l.code()})
                        .toList());
    }
}
