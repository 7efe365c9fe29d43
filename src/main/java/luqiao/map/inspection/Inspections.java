package luqiao.map.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.GroundDistance;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.NotFoundException;
import luqiao.map.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Site visits (一线督战): recording one with its photos and problems, all or nothing, and reading them back. A
 * phone that was offline resends a visit with the key it made for it; the stored visit is answered again instead
 * of a second one being made (the database's unique key settles two resends racing each other).
 */
@Service
class Inspections {

    /** A recorded visit, and whether this request made it (false: a resend of one stored before). */
    record Recorded(InspectionAnswers.Visit visit, boolean created) {}

    /** A photo as uploaded: its file name (for messages only) and its bytes. */
    record Upload(String name, byte[] bytes) {}

    private final InspectionStore store;
    private final SpatialStore features;
    private final ProblemList problems;
    private final InspectionProperties settings;
    private final PhotoCheck photos;
    private final TransactionTemplate transaction;

    Inspections(
            InspectionStore store,
            SpatialStore features,
            ProblemList problems,
            InspectionProperties settings,
            TransactionTemplate transaction) {
        this.store = store;
        this.features = features;
        this.problems = problems;
        this.settings = settings;
        this.photos = new PhotoCheck(settings);
        this.transaction = transaction;
    }

    PhotoCheck photoCheck() {
        return photos;
    }

    /**
     * Records the visit, or answers the one stored before under the same client key. Every photo is checked
     * before anything is written; the visit, its photos and its problems are one transaction.
     */
    Recorded record(VisitInput input, List<Upload> uploads, String user) {
        if (input.clientKey() != null) {
            Optional<Long> stored = store.visitIdByClientKey(input.clientKey());
            if (stored.isPresent()) {
                return new Recorded(read(stored.get()), false);
            }
        }
        Feature project = features.get(Layer.PROJECTS, input.projectId(), Audience.STAFF)
                .orElseThrow(() -> new ProblemException(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "Unknown project",
                                "visit.projectId: there is no project '" + input.projectId() + "'")
                        .with("parameter", "visit.projectId"));
        if (uploads.size() > settings.maxPhotos()) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Too many photos",
                    "a visit may carry at most " + settings.maxPhotos() + " photos, not " + uploads.size()
                            + " (luqiao.inspection.max-photos)");
        }
        List<InspectionStore.NewPhoto> checked = new ArrayList<>();
        for (Upload u : uploads) {
            checked.add(photos.check(u.name(), u.bytes()));
        }
        Double distance =
                input.lon() == null ? null : GroundDistance.distanceM(input.lon(), input.lat(), project.geometry());
        String key = input.clientKey() == null ? "server:" + UUID.randomUUID() : input.clientKey();
        Instant now = Instant.now();
        long id;
        try {
            id = transaction.execute(status -> {
                long visit = store.insertVisit(new InspectionStore.NewVisit(
                        input.projectId(),
                        input.visitedAt(),
                        input.lon() == null ? null : "POINT(" + input.lon() + " " + input.lat() + ")",
                        distance,
                        distance != null && distance > settings.farDistance(),
                        input.progressText(),
                        input.progressPercent(),
                        user,
                        now,
                        key));
                checked.forEach(p -> store.insertPhoto(visit, p));
                input.problems().forEach(p -> problems.insert(p, visit, user, now));
                return visit;
            });
        } catch (DuplicateKeyException e) {
            // Another request with the same key committed first: that one is the visit.
            return new Recorded(read(store.visitIdByClientKey(key).orElseThrow(() -> e)), false);
        }
        return new Recorded(read(id), true);
    }

    /** The visit in full; 404 when there is none. */
    InspectionAnswers.Visit read(long id) {
        InspectionStore.Visit v = store.visit(id).orElseThrow(() -> new NotFoundException("no inspection " + id));
        return InspectionAnswers.Visit.of(
                v,
                store.photos(id).stream()
                        .map(p -> InspectionAnswers.Photo.of(id, p))
                        .toList(),
                problems.ofVisit(id),
                AsOf.today());
    }

    /** A project's visits (404 when there is no such project), or the newest of all; newest first. */
    List<InspectionAnswers.VisitLine> list(String project, int limit) {
        LocalDate today = AsOf.today();
        List<InspectionStore.Visit> found;
        if (project != null) {
            requireProject(project);
            found = store.visitsOf(project).stream().limit(limit).toList();
        } else {
            found = store.recentVisits(limit);
        }
        return found.stream().map(v -> InspectionAnswers.VisitLine.of(v, today)).toList();
    }

    /** The newest visits that carry a position, for the map. */
    List<InspectionAnswers.VisitLine> positioned(int limit) {
        LocalDate today = AsOf.today();
        return store.positionedVisits(limit).stream()
                .map(v -> InspectionAnswers.VisitLine.of(v, today))
                .toList();
    }

    InspectionStore.Image photo(long inspectionId, long photoId, boolean thumbnail) {
        return (thumbnail ? store.photoThumbnail(inspectionId, photoId) : store.photoContent(inspectionId, photoId))
                .orElseThrow(() -> new NotFoundException("inspection " + inspectionId + " has no photo " + photoId));
    }

    /** The project's last visit, its open problems and how many of them are overdue; 404 when there is no project. */
    InspectionAnswers.Summary summary(String project) {
        requireProject(project);
        LocalDate today = AsOf.today();
        List<InspectionStore.Visit> visits = store.visitsOf(project);
        List<InspectionAnswers.Problem> open = problems.list(project, null, null, null).stream()
                .filter(p -> ProblemStatus.of(p.status()).orElseThrow().isOpen())
                .toList();
        return new InspectionAnswers.Summary(
                project,
                visits.isEmpty() ? null : InspectionAnswers.VisitLine.of(visits.get(0), today),
                visits.size(),
                open,
                (int) open.stream().filter(InspectionAnswers.Problem::overdue).count());
    }

    private void requireProject(String code) {
        if (features.get(Layer.PROJECTS, code, Audience.STAFF).isEmpty()) {
            throw new NotFoundException("no project '" + code + "'");
        }
    }
}
