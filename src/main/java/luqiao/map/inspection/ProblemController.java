package luqiao.map.inspection;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import luqiao.map.security.Role;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.RequestText;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The problem list (问题清单) over HTTP (issue #16): inspectors, planners and administrators only. */
@RestController
class ProblemController {

    /** Largest JSON body of a problem or a transition. */
    private static final long MAX_BODY = 64 * 1024;

    private final ProblemList problems;
    private final InspectionProperties settings;
    private final JsonBodies json;

    ProblemController(ProblemList problems, InspectionProperties settings, JsonBodies json) {
        this.problems = problems;
        this.settings = settings;
        this.json = json;
    }

    /** The problems, filtered; {@code format=xlsx} gives them as a 问题清单 workbook with the same rows. */
    @GetMapping("/api/problems")
    ResponseEntity<?> list(
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String overdue,
            @RequestParam(defaultValue = "json") String format)
            throws IOException {
        if (!format.equals("json") && !format.equals("xlsx")) {
            throw new InvalidParameterException("format", "format must be json or xlsx");
        }
        ProblemStatus wanted = status == null ? null : status(status, "status");
        Boolean late = null;
        if (overdue != null) {
            if (!overdue.equals("true") && !overdue.equals("false")) {
                throw new InvalidParameterException("overdue", "overdue must be true or false");
            }
            late = Boolean.valueOf(overdue);
        }
        List<InspectionAnswers.Problem> found = problems.list(project, wanted, department, late);
        if (format.equals("xlsx")) {
            return ProblemSheets.problems("problems-" + AsOf.today() + ".xlsx", found);
        }
        return ResponseEntity.ok(new InspectionAnswers.Problems(found.size(), found));
    }

    /** Raises a problem: {projectId, inspectionId?, category, description, department, dueDate?}; 201. */
    @PostMapping("/api/problems")
    ResponseEntity<byte[]> raise(HttpServletRequest request, Authentication user) throws IOException {
        JsonNode body = json.readObject(
                request, MAX_BODY, "a problem: {projectId, category, description, department, dueDate}");
        InspectionAnswers.Problem raised = problems.raise(
                VisitInput.ProblemInput.read(body, "body", null, settings.departments()), user.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/problems/" + raised.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.bytes(raised));
    }

    @GetMapping("/api/problems/{id}")
    InspectionAnswers.Problem one(@PathVariable long id) {
        return problems.read(id);
    }

    /** Moves the problem: {to, note}; closing needs a note, reopening an administrator. */
    @PostMapping("/api/problems/{id}/transition")
    InspectionAnswers.Problem transition(@PathVariable long id, HttpServletRequest request, Authentication user)
            throws IOException {
        JsonNode body = json.readObject(request, MAX_BODY, "{\"to\": one of 待办, 办理中, 已销号, \"note\": text}");
        String to = VisitInput.text(body, "to", true, 8);
        String note = VisitInput.text(body, "note", false, ProblemList.MAX_NOTE);
        RequestText.check("note", note);
        boolean admin =
                user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority()));
        return problems.transition(id, status(to, "to"), note, user.getName(), admin);
    }

    private static ProblemStatus status(String label, String parameter) {
        return ProblemStatus.of(label)
                .orElseThrow(() -> new InvalidParameterException(
                        parameter,
                        parameter + ": '" + label + "' is not a status; the statuses are "
                                + String.join(", ", ProblemStatus.labels())));
    }
}
