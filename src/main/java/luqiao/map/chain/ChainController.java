package luqiao.map.chain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.security.Role;
import luqiao.map.web.AsOf;
import luqiao.map.web.Csv;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import luqiao.map.web.NotFoundException;
import luqiao.map.web.RequestText;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The project chain over HTTP: a project's timeline, the overdue list, and transitions. The public sees
 * chains of public projects only (as every read, through the store's row filter), without who made a
 * transition or their notes: those are the planners' working record; and, as {@link PublicPolicy} says,
 * without the internal stages (谋划, 前期, 招引) or their dates, and without overdue figures unless published.
 */
@RestController
class ChainController {

    static final int MAX_NOTE = 1000;

    private final ProjectChain chains;
    private final JsonBodies json;
    private final PublicPolicy policy;

    ChainController(ProjectChain chains, JsonBodies json, PublicPolicy policy) {
        this.chains = chains;
        this.json = json;
        this.policy = policy;
    }

    @GetMapping("/api/projects/{id}/chain")
    ResponseEntity<byte[]> chain(
            @PathVariable String id,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        return answer(chains.read(id, audience, AsOf.parse(asOf)), audience);
    }

    @GetMapping("/api/projects/overdue")
    ResponseEntity<byte[]> overdue(
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            @RequestParam(defaultValue = "json") String format,
            Audience audience) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new InvalidParameterException("format", "format must be json or csv");
        }
        if (!policy.seesOverdue(audience)) {
            // Unpublished (luqiao.public.overdue): answered as /api/projects/{id} answers a project that is not there,
            // so the public cannot tell an unpublished list from a missing one.
            throw new NotFoundException("no feature 'overdue' in layer projects");
        }
        LocalDate date = AsOf.parse(asOf);
        List<ProjectChain.Overdue> late = chains.overdue(audience, date);
        if (format.equals("csv")) {
            return Csv.download(
                    "overdue-" + (date == null ? AsOf.today() : date) + ".csv",
                    List.of("id", "name_zh", "name_en", "stage", "late_stage", "planned", "days_overdue"),
                    late.stream()
                            .map(o -> java.util.Arrays.asList(
                                    o.project().id(),
                                    o.project().properties().get("name_zh"),
                                    o.project().properties().get("name_en"),
                                    o.project().properties().get("stage"),
                                    o.late().stage().label(),
                                    o.late().planned().toString(),
                                    o.late().daysLate()))
                            .toList());
        }
        return json.ok(
                MediaType.APPLICATION_JSON,
                ChainAnswers.Overdue.of((date == null ? AsOf.today() : date).toString(), late));
    }

    /** The body of a transition: the stage to move to, the day it happened (default today), a note (the reason, going back). */
    record TransitionRequest(String to, String date, String note) {}

    @PostMapping("/api/projects/{id}/transitions")
    ResponseEntity<byte[]> transition(
            @PathVariable String id,
            @RequestBody TransitionRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            Authentication user,
            Audience audience) {
        RequestText.check("note", body.note());
        if (body.to() == null) {
            throw new InvalidParameterException("to", "to is required: one of 谋划, 前期, 招引, 开工, 竣工");
        }
        Stage to = Stage.of(body.to())
                .orElseThrow(() -> new InvalidParameterException(
                        "to", "to: '" + body.to() + "' is not a stage; the stages are 谋划, 前期, 招引, 开工, 竣工"));
        LocalDate on = null;
        if (body.date() != null) {
            try {
                on = LocalDate.parse(body.date());
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException("date", "date: '" + body.date() + "' is not a date (YYYY-MM-DD)");
            }
        }
        if (body.note() != null && body.note().length() > MAX_NOTE) {
            throw new InvalidParameterException("note", "note is longer than " + MAX_NOTE + " characters");
        }
        boolean admin =
                user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority()));
        ProjectChain.Chain chain =
                chains.transition(id, to, on, body.note(), user.getName(), admin, version(ifMatch), audience);
        return answer(chain, audience);
    }

    /** {@code If-Match}: one ETag as this API writes it ({@code "3"}), weak or strong; null when absent or {@code *}. */
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    "If-Match", "If-Match: " + ifMatch + " is not an ETag of this API (a quoted version)");
        }
    }

    @ExceptionHandler(TransitionRefused.class)
    ResponseEntity<ProblemDetail> refused(TransitionRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status() == HttpStatus.PRECONDITION_FAILED ? "Stale version" : "Transition refused");
        problem.setProperty("allowed", e.allowed());
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<byte[]> answer(ProjectChain.Chain chain, Audience audience) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag("\"" + chain.version() + "\"")
                .body(json.bytes(ChainAnswers.Chain.of(
                        chain,
                        audience.seesInternalRowsOf(Layer.PROJECTS),
                        policy.seesInternalStages(audience),
                        policy.seesOverdue(audience))));
    }
}
