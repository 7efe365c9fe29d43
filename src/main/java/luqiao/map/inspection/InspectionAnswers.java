package luqiao.map.inspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.web.AsOf;

/** The JSON shapes of the inspection API. Times are ISO 8601 in district time (+08:00), dates YYYY-MM-DD. */
final class InspectionAnswers {

    private InspectionAnswers() {}

    static String time(Instant at) {
        return at == null
                ? null
                : at.atZone(AsOf.DISTRICT_TIME).toOffsetDateTime().toString();
    }

    static String photoUrl(long inspectionId, long photoId) {
        return "/api/inspections/" + inspectionId + "/photos/" + photoId;
    }

    static String thumbnailPath(long inspectionId, Long photoId) {
        return photoId == null ? null : photoUrl(inspectionId, photoId) + "/thumbnail";
    }

    /** Whole days from the visit's day to {@code today}, both in district time. */
    static long daysFrom(Instant at, LocalDate today) {
        return ChronoUnit.DAYS.between(at.atZone(AsOf.DISTRICT_TIME).toLocalDate(), today);
    }

    record Photo(
            long id,
            String mediaType,
            int width,
            int height,
            long size,
            Double exifLat,
            Double exifLon,
            String exifTakenAt,
            String url,
            String thumbnailUrl) {

        static Photo of(long inspectionId, InspectionStore.Photo p) {
            return new Photo(
                    p.id(),
                    p.mediaType(),
                    p.width(),
                    p.height(),
                    p.size(),
                    p.exifLat(),
                    p.exifLon(),
                    time(p.exifTakenAt()),
                    photoUrl(inspectionId, p.id()),
                    thumbnailPath(inspectionId, p.id()));
        }
    }

    /** A distance to the decimetre (a phone's position is good to metres at best). */
    private static Double decimetres(Double metres) {
        return metres == null ? null : Math.round(metres * 10) / 10.0;
    }

    /** A visit in full: its photos and the problems raised on it. */
    record Visit(
            long id,
            String projectId,
            String projectName,
            String visitedAt,
            long daysSince,
            Double lon,
            Double lat,
            Double distanceM,
            boolean far,
            String progressText,
            Integer progressPercent,
            String createdBy,
            String createdAt,
            String clientKey,
            String thumbnailUrl,
            List<Photo> photos,
            List<Problem> problems) {

        static Visit of(InspectionStore.Visit v, List<Photo> photos, List<Problem> problems, LocalDate today) {
            return new Visit(
                    v.id(),
                    v.projectCode(),
                    v.projectName(),
                    time(v.visitedAt()),
                    daysFrom(v.visitedAt(), today),
                    v.lon(),
                    v.lat(),
                    decimetres(v.distanceM()),
                    v.far(),
                    v.progressText(),
                    v.progressPercent(),
                    v.createdBy(),
                    time(v.createdAt()),
                    v.clientKey(),
                    thumbnailPath(v.id(), v.firstPhotoId()),
                    photos,
                    problems);
        }
    }

    /** A visit in a list or a summary: no photos or problems, the first photo's thumbnail. */
    record VisitLine(
            long id,
            String projectId,
            String projectName,
            String visitedAt,
            long daysSince,
            Double lon,
            Double lat,
            Double distanceM,
            boolean far,
            String progressText,
            Integer progressPercent,
            String createdBy,
            int photoCount,
            String thumbnailUrl) {

        static VisitLine of(InspectionStore.Visit v, LocalDate today) {
            return new VisitLine(
                    v.id(),
                    v.projectCode(),
                    v.projectName(),
                    time(v.visitedAt()),
                    daysFrom(v.visitedAt(), today),
                    v.lon(),
                    v.lat(),
                    decimetres(v.distanceM()),
                    v.far(),
                    v.progressText(),
                    v.progressPercent(),
                    v.createdBy(),
                    v.photoCount(),
                    thumbnailPath(v.id(), v.firstPhotoId()));
        }
    }

    /** A problem; {@code history} only where one problem is answered (null, left out, in lists). */
    record Problem(
            long id,
            String projectId,
            String projectName,
            Long inspectionId,
            String category,
            String description,
            String department,
            String raisedBy,
            String raisedAt,
            String dueDate,
            String status,
            boolean overdue,
            long daysOverdue,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Event> history) {

        static Problem of(InspectionStore.Problem p, LocalDate today, List<Event> history) {
            boolean overdue = ProblemList.overdue(p.status(), p.dueDate(), today);
            return new Problem(
                    p.id(),
                    p.projectCode(),
                    p.projectName(),
                    p.inspectionId(),
                    p.category(),
                    p.description(),
                    p.department(),
                    p.raisedBy(),
                    time(p.raisedAt()),
                    p.dueDate().toString(),
                    p.status(),
                    overdue,
                    overdue ? ChronoUnit.DAYS.between(p.dueDate(), today) : 0,
                    history);
        }
    }

    /** One change of a problem's status; {@code from} null for the first (raised). */
    record Event(String at, String by, String from, String to, String note) {
        static Event of(InspectionStore.Event e) {
            return new Event(time(e.at()), e.by(), e.fromStatus(), e.toStatus(), e.note());
        }
    }

    /** What a project's popup shows: the last visit and the open problems. */
    record Summary(
            String projectId, VisitLine lastVisit, int visitCount, List<Problem> openProblems, int overdueProblems) {}

    /** The problem list. */
    record Problems(int count, List<Problem> problems) {}

    /** A list of visits. */
    record Visits(int count, List<VisitLine> inspections) {}
}
