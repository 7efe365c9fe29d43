package luqiao.map.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.NotFoundException;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The problem list (问题清单): raising problems, moving them 待办 → 办理中 → 已销号 with every change recorded,
 * and reading them. Closing (销号) needs a note saying how the problem was resolved; reopening a closed problem
 * needs an administrator. A problem is overdue when it is open and its due date has passed (district time).
 */
@Service
class ProblemList {

    static final List<String> CATEGORIES = List.of("用地", "规划", "资金", "政策", "施工", "其他");
    static final int MAX_NOTE = 1000;

    private final InspectionStore store;
    private final SpatialStore features;
    private final InspectionProperties settings;
    private final TransactionTemplate transaction;

    ProblemList(
            InspectionStore store,
            SpatialStore features,
            InspectionProperties settings,
            TransactionTemplate transaction) {
        this.store = store;
        this.features = features;
        this.settings = settings;
        this.transaction = transaction;
    }

    /** Open (not 已销号) with a due date before {@code day}. */
    static boolean overdue(String status, LocalDate due, LocalDate day) {
        return !ProblemStatus.CLOSED.label().equals(status) && due != null && due.isBefore(day);
    }

    /** Raises a problem on its own (not from a visit); 422 when its project or visit is not there. */
    InspectionAnswers.Problem raise(VisitInput.ProblemInput input, String user) {
        long id = transaction.execute(status -> {
            if (features.get(Layer.PROJECTS, input.projectId(), Audience.STAFF).isEmpty()) {
                throw new ProblemException(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "Unknown project",
                                "projectId: there is no project '" + input.projectId() + "'")
                        .with("parameter", "projectId");
            }
            if (input.inspectionId() != null) {
                InspectionStore.Visit visit = store.visit(input.inspectionId())
                        .filter(v -> v.projectCode().equals(input.projectId()))
                        .orElseThrow(() -> new ProblemException(
                                        HttpStatus.UNPROCESSABLE_CONTENT,
                                        "Unknown visit",
                                        "inspectionId: project '" + input.projectId() + "' has no visit "
                                                + input.inspectionId())
                                .with("parameter", "inspectionId"));
                return insert(input, visit.id(), user, Instant.now());
            }
            return insert(input, null, user, Instant.now());
        });
        return read(id);
    }

    /** Stores a problem and its first event (raised, 待办) in the caller's transaction; answers its id. */
    long insert(VisitInput.ProblemInput input, Long inspectionId, String user, Instant now) {
        LocalDate raisedOn = now.atZone(AsOf.DISTRICT_TIME).toLocalDate();
        LocalDate due = input.dueDate() == null ? raisedOn.plusDays(settings.defaultDueDays()) : input.dueDate();
        long id = store.insertProblem(new InspectionStore.NewProblem(
                input.projectId(),
                inspectionId,
                input.category(),
                input.description(),
                input.department(),
                user,
                now,
                due,
                ProblemStatus.TODO.label()));
        store.insertEvent(new InspectionStore.Event(id, now, user, null, ProblemStatus.TODO.label(), null));
        return id;
    }

    /** The problem with its history; 404 when there is none. */
    InspectionAnswers.Problem read(long id) {
        InspectionStore.Problem p = store.problem(id).orElseThrow(() -> new NotFoundException("no problem " + id));
        return InspectionAnswers.Problem.of(
                p,
                AsOf.today(),
                store.events(id).stream().map(InspectionAnswers.Event::of).toList());
    }

    /** Problems matching every filter given (null: any), newest first. */
    List<InspectionAnswers.Problem> list(String project, ProblemStatus status, String department, Boolean overdue) {
        LocalDate today = AsOf.today();
        List<InspectionAnswers.Problem> found = new ArrayList<>();
        for (InspectionStore.Problem p : store.problems()) {
            if (project != null && !project.equals(p.projectCode())
                    || status != null && !status.label().equals(p.status())
                    || department != null && !department.equals(p.department())
                    || overdue != null && overdue != overdue(p.status(), p.dueDate(), today)) {
                continue;
            }
            found.add(InspectionAnswers.Problem.of(p, today, null));
        }
        return found;
    }

    /** The problems raised on one visit. */
    List<InspectionAnswers.Problem> ofVisit(long inspectionId) {
        LocalDate today = AsOf.today();
        return store.problemsOfVisit(inspectionId).stream()
                .map(p -> InspectionAnswers.Problem.of(p, today, null))
                .toList();
    }

    /**
     * Moves a problem to {@code to}, recording who, when and the note; one transaction, the row locked. 409 for
     * no change, 422 for closing without a note, 403 for reopening a closed problem without being an administrator.
     */
    InspectionAnswers.Problem transition(long id, ProblemStatus to, String note, String user, boolean admin) {
        String reason = note == null || note.isBlank() ? null : note.strip();
        transaction.executeWithoutResult(status -> {
            ProblemStatus from = store.lockProblem(id)
                    .map(label -> ProblemStatus.of(label).orElseThrow())
                    .orElseThrow(() -> new NotFoundException("no problem " + id));
            if (from == to) {
                throw refused(HttpStatus.CONFLICT, "Transition refused", "the problem is " + from.label() + " already");
            }
            if (from == ProblemStatus.CLOSED && !admin) {
                throw refused(
                        HttpStatus.FORBIDDEN,
                        "Transition refused",
                        "reopening a closed (已销号) problem needs an administrator");
            }
            if (to == ProblemStatus.CLOSED && reason == null) {
                throw refused(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "Transition refused",
                                "closing a problem (销号) needs a note saying how it was resolved")
                        .with("parameter", "note");
            }
            store.setStatus(id, to.label());
            store.insertEvent(new InspectionStore.Event(id, Instant.now(), user, from.label(), to.label(), reason));
        });
        return read(id);
    }

    private static ProblemException refused(HttpStatus status, String title, String detail) {
        return new ProblemException(status, title, detail);
    }
}
