package luqiao.map.dashboard;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.web.AsOf;
import luqiao.map.web.Csv;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's figures: all at once as JSON, or one figure as JSON or as a CSV download
 * ({@code ?format=csv}). What is counted depends on the caller's audience (see {@link DashboardFigures}).
 */
@RestController
class DashboardController {

    private final DashboardFigures figures;
    private final DashboardProperties settings;
    private final PublicPolicy policy;

    DashboardController(DashboardFigures figures, DashboardProperties settings, PublicPolicy policy) {
        this.figures = figures;
        this.settings = settings;
        this.policy = policy;
    }

    @GetMapping("/api/dashboard")
    Map<String, Object> dashboard(
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf, Audience audience) {
        LocalDate date = AsOf.parse(asOf);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("audience", audience.name());
        answer.put("plan_year", settings.planYear());
        // Project figures follow the recorded stage history; parcels have none, so land figures are today's.
        answer.put("as_of", date == null ? null : date.toString());
        Map<String, Object> all = new LinkedHashMap<>();
        figures.all(audience, date).forEach(f -> all.put(f.id(), json(f)));
        answer.put("figures", all);
        // What the map needs to filter projects by town as the projects_by_town figure counts them.
        answer.put("project_towns", figures.projectTowns(audience, date));
        // Which of the page's other panels the caller may see (PublicPolicy): the overdue list, the compliance
        // conflicts.
        answer.put(
                "shows",
                Map.of("overdue", policy.seesOverdue(audience), "compliance", policy.seesCompliance(audience)));
        return answer;
    }

    @GetMapping("/api/dashboard/{figure}")
    ResponseEntity<?> figure(
            @PathVariable String figure,
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new InvalidParameterException("format", "format must be json or csv");
        }
        Figure f = figures.one(figure, audience, AsOf.parse(asOf))
                .orElseThrow(() -> new NotFoundException(
                        "no figure '" + figure + "'; the figures are " + String.join(", ", DashboardFigures.IDS)));
        if (format.equals("csv")) {
            return Csv.download(f.id() + ".csv", f.columns(), f.rows());
        }
        return ResponseEntity.ok(json(f));
    }

    private static Map<String, Object> json(Figure f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("columns", f.columns());
        out.put(
                "rows",
                f.rows().stream()
                        .map(row -> {
                            Map<String, Object> r = new LinkedHashMap<>();
                            for (int i = 0; i < f.columns().size(); i++) {
                                r.put(f.columns().get(i), row.get(i));
                            }
                            return r;
                        })
                        .toList());
        return out;
    }
}
