package luqiao.map.store.inspection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import luqiao.map.store.SqlStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The 一线督战 tables (migration V9): inspections, their photos, problems and the changes of each problem's
 * status. Statuses and categories are their stored labels (待办, 用地, …): what they mean and which changes are
 * allowed is the inspection package's business. Photos are stored as given (already checked, re-encoded
 * without EXIF). Statements: {@code sql/common/inspection/*.sql}.
 */
@Repository
public class InspectionStore {

    /** A visit as stored, with its project's name, how many photos it has and the first one's id (null: none). */
    public record Visit(
            long id,
            String projectCode,
            String projectName,
            Instant visitedAt,
            Double lon,
            Double lat,
            Double distanceM,
            boolean far,
            String progressText,
            Integer progressPercent,
            String createdBy,
            Instant createdAt,
            String clientKey,
            int photoCount,
            Long firstPhotoId) {}

    /** What a new visit stores; {@code positionWkt} null when the phone gave no position. */
    public record NewVisit(
            String projectCode,
            Instant visitedAt,
            String positionWkt,
            Double distanceM,
            boolean far,
            String progressText,
            Integer progressPercent,
            String createdBy,
            Instant createdAt,
            String clientKey) {}

    /** A photo as stored, without its bytes. */
    public record Photo(
            long id,
            String mediaType,
            int width,
            int height,
            Double exifLat,
            Double exifLon,
            Instant exifTakenAt,
            long size) {}

    /** What a new photo stores: the served bytes (no EXIF), the thumbnail (JPEG), and what the EXIF said. */
    public record NewPhoto(
            byte[] content,
            byte[] thumbnail,
            String mediaType,
            int width,
            int height,
            Double exifLat,
            Double exifLon,
            Instant exifTakenAt) {}

    /** Bytes to serve and their media type. */
    public record Image(String mediaType, byte[] bytes) {}

    /** A problem as stored, with its project's name. */
    public record Problem(
            long id,
            String projectCode,
            String projectName,
            Long inspectionId,
            String category,
            String description,
            String department,
            String raisedBy,
            Instant raisedAt,
            LocalDate dueDate,
            String status) {}

    /** What a new problem stores. */
    public record NewProblem(
            String projectCode,
            Long inspectionId,
            String category,
            String description,
            String department,
            String raisedBy,
            Instant raisedAt,
            LocalDate dueDate,
            String status) {}

    /** One change of a problem's status; {@code fromStatus} null for the first (raised). */
    public record Event(long problemId, Instant at, String by, String fromStatus, String toStatus, String note) {}

    private final JdbcTemplate jdbc;
    private final String insertInspection;
    private final String insertPhoto;
    private final String idByClientKey;
    private final String inspection;
    private final String ofProject;
    private final String recent;
    private final String positioned;
    private final String photos;
    private final String photoContent;
    private final String photoThumbnail;
    private final String insertProblem;
    private final String insertProblemEvent;
    private final String problem;
    private final String problems;
    private final String problemsOfInspection;
    private final String lockProblem;
    private final String setProblemStatus;
    private final String problemEvents;
    private final String allProblemEvents;

    InspectionStore(JdbcTemplate jdbc, SqlStatements sql) {
        this.jdbc = jdbc;
        this.insertInspection = sql.get("inspection/insert-inspection");
        this.insertPhoto = sql.get("inspection/insert-photo");
        this.idByClientKey = sql.get("inspection/id-by-client-key");
        this.inspection = sql.get("inspection/inspection");
        this.ofProject = sql.get("inspection/of-project");
        this.recent = sql.get("inspection/recent");
        this.positioned = sql.get("inspection/positioned");
        this.photos = sql.get("inspection/photos");
        this.photoContent = sql.get("inspection/photo-content");
        this.photoThumbnail = sql.get("inspection/photo-thumbnail");
        this.insertProblem = sql.get("inspection/insert-problem");
        this.insertProblemEvent = sql.get("inspection/insert-problem-event");
        this.problem = sql.get("inspection/problem");
        this.problems = sql.get("inspection/problems");
        this.problemsOfInspection = sql.get("inspection/problems-of-inspection");
        this.lockProblem = sql.get("inspection/lock-problem");
        this.setProblemStatus = sql.get("inspection/set-problem-status");
        this.problemEvents = sql.get("inspection/problem-events");
        this.allProblemEvents = sql.get("inspection/all-problem-events");
    }

    // ---------------------------------------------------------------- visits

    /**
     * Stores a visit; answers its id. A visit with the same client key already stored fails with Spring's
     * {@code DuplicateKeyException} (the caller then answers the stored one).
     */
    public long insertVisit(NewVisit v) {
        return insert(
                insertInspection,
                v.projectCode(),
                Timestamp.from(v.visitedAt()),
                v.positionWkt(),
                v.distanceM(),
                v.far(),
                v.progressText(),
                v.progressPercent(),
                v.createdBy(),
                Timestamp.from(v.createdAt()),
                v.clientKey());
    }

    public void insertPhoto(long inspectionId, NewPhoto p) {
        jdbc.update(
                insertPhoto,
                inspectionId,
                p.content(),
                p.thumbnail(),
                p.mediaType(),
                p.width(),
                p.height(),
                p.exifLat(),
                p.exifLon(),
                p.exifTakenAt() == null ? null : Timestamp.from(p.exifTakenAt()),
                (long) p.content().length);
    }

    /** The id of the visit stored with this client key; empty when there is none. */
    public Optional<Long> visitIdByClientKey(String clientKey) {
        return jdbc.queryForList(idByClientKey, Long.class, clientKey).stream().findFirst();
    }

    public Optional<Visit> visit(long id) {
        return jdbc.query(inspection, InspectionStore::visit, id).stream().findFirst();
    }

    /** A project's visits, newest first. */
    public List<Visit> visitsOf(String projectCode) {
        return jdbc.query(ofProject, InspectionStore::visit, projectCode);
    }

    /** The newest visits of all projects, at most {@code limit}. */
    public List<Visit> recentVisits(int limit) {
        return jdbc.query(recent, InspectionStore::visit, limit);
    }

    /** The newest visits that carry a position, at most {@code limit}. */
    public List<Visit> positionedVisits(int limit) {
        return jdbc.query(positioned, InspectionStore::visit, limit);
    }

    public List<Photo> photos(long inspectionId) {
        return jdbc.query(
                photos,
                (rs, row) -> new Photo(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        doubleOrNull(rs, 5),
                        doubleOrNull(rs, 6),
                        instant(rs, 7),
                        rs.getLong(8)),
                inspectionId);
    }

    /** The photo's served bytes; empty when the visit has no such photo. */
    public Optional<Image> photoContent(long inspectionId, long photoId) {
        return image(photoContent, inspectionId, photoId);
    }

    /** The photo's thumbnail (JPEG); empty when the visit has no such photo. */
    public Optional<Image> photoThumbnail(long inspectionId, long photoId) {
        return image(photoThumbnail, inspectionId, photoId);
    }

    private Optional<Image> image(String sql, long inspectionId, long photoId) {
        return jdbc.query(sql, (rs, row) -> new Image(rs.getString(1), rs.getBytes(2)), photoId, inspectionId).stream()
                .findFirst();
    }

    // ---------------------------------------------------------------- problems

    /** Stores a problem; answers its id. */
    public long insertProblem(NewProblem p) {
        return insert(
                insertProblem,
                p.projectCode(),
                p.inspectionId(),
                p.category(),
                p.description(),
                p.department(),
                p.raisedBy(),
                Timestamp.from(p.raisedAt()),
                p.dueDate(),
                p.status());
    }

    public void insertEvent(Event e) {
        jdbc.update(
                insertProblemEvent,
                e.problemId(),
                Timestamp.from(e.at()),
                e.by(),
                e.fromStatus(),
                e.toStatus(),
                e.note());
    }

    public Optional<Problem> problem(long id) {
        return jdbc.query(problem, InspectionStore::problem, id).stream().findFirst();
    }

    /** Every problem, newest first. */
    public List<Problem> problems() {
        return jdbc.query(problems, InspectionStore::problem);
    }

    public List<Problem> problemsOfVisit(long inspectionId) {
        return jdbc.query(problemsOfInspection, InspectionStore::problem, inspectionId);
    }

    /** The problem's status, its row locked until the transaction ends; empty when there is no such problem. */
    public Optional<String> lockProblem(long id) {
        return jdbc.queryForList(lockProblem, String.class, id).stream().findFirst();
    }

    public void setStatus(long id, String status) {
        jdbc.update(setProblemStatus, status, id);
    }

    /** The problem's changes, oldest first. */
    public List<Event> events(long problemId) {
        return jdbc.query(problemEvents, InspectionStore::event, problemId);
    }

    /** Every problem's changes, by problem, oldest first. */
    public List<Event> allEvents() {
        return jdbc.query(allProblemEvents, InspectionStore::event);
    }

    // ---------------------------------------------------------------- rows

    /** Runs an INSERT and answers the generated {@code id}. */
    private long insert(String sql, Object... values) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                (Connection c) -> {
                    PreparedStatement s = c.prepareStatement(sql, new String[] {"id"});
                    for (int i = 0; i < values.length; i++) {
                        s.setObject(i + 1, values[i] instanceof LocalDate d ? java.sql.Date.valueOf(d) : values[i]);
                    }
                    return s;
                },
                key);
        return ((Number) key.getKeyList().get(0).values().iterator().next()).longValue();
    }

    private static Visit visit(ResultSet rs, int row) throws SQLException {
        long first = rs.getLong(15);
        Long firstPhoto = rs.wasNull() ? null : first;
        return new Visit(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                instant(rs, 4),
                doubleOrNull(rs, 5),
                doubleOrNull(rs, 6),
                doubleOrNull(rs, 7),
                rs.getBoolean(8),
                rs.getString(9),
                rs.getObject(10, Integer.class),
                rs.getString(11),
                instant(rs, 12),
                rs.getString(13),
                rs.getInt(14),
                firstPhoto);
    }

    private static Problem problem(ResultSet rs, int row) throws SQLException {
        long inspectionId = rs.getLong(4);
        Long inspection = rs.wasNull() ? null : inspectionId;
        return new Problem(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                inspection,
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                instant(rs, 9),
                rs.getObject(10, LocalDate.class),
                rs.getString(11));
    }

    private static Event event(ResultSet rs, int row) throws SQLException {
        return new Event(
                rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }
}
