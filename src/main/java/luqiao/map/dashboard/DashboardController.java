package luqiao.map.dashboard;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.excel.Xlsx;
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
 * The dashboard's figures: all at once as JSON or as an .xlsx workbook with a sheet per figure
 * ({@code ?format=xlsx}), or one figure as JSON, as a CSV download ({@code ?format=csv}) or as a one-sheet
 * workbook. What is counted depends on the caller's audience (see {@link DashboardFigures}).
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
    ResponseEntity<?> dashboard(
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience)
            throws IOException {
        if (!format.equals("json") && !format.equals("xlsx")) {
            throw new InvalidParameterException("format", "format must be json or xlsx");
        }
        LocalDate date = AsOf.parse(asOf);
        List<Figure> all = figures.all(audience, date);
        if (format.equals("xlsx")) {
            return xlsx("dashboard-" + (date == null ? AsOf.today() : date) + ".xlsx", all);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("audience", audience.name());
        answer.put("plan_year", settings.planYear());
        // Project figures follow the recorded stage history; parcels have none, so land figures are today's.
        answer.put("as_of", date == null ? null : date.toString());
        Map<String, Object> byId = new LinkedHashMap<>();
        all.forEach(f -> byId.put(f.id(), json(f)));
        answer.put("figures", byId);
        // What the map needs to filter projects by town as the projects_by_town figure counts them.
        answer.put("project_towns", figures.projectTowns(audience, date));
        // Which of the page's other panels the caller may see (PublicPolicy): the overdue list, the compliance
        // conflicts.
        answer.put(
                "shows",
                Map.of("overdue", policy.seesOverdue(audience), "compliance", policy.seesCompliance(audience)));
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/api/dashboard/{figure}")
    ResponseEntity<?> figure(
            @PathVariable String figure,
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            Audience audience)
            throws IOException {
        if (!format.equals("json") && !format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidParameterException("format", "format must be json, csv or xlsx");
        }
        LocalDate date = AsOf.parse(asOf);
        Figure f = figures.one(figure, audience, date)
                .orElseThrow(() -> new NotFoundException(
                        "no figure '" + figure + "'; the figures are " + String.join(", ", DashboardFigures.IDS)));
        if (format.equals("csv")) {
            return Csv.download(f.id() + ".csv", f.columns(), f.rows());
        }
        if (format.equals("xlsx")) {
            return xlsx(f.id() + ".xlsx", List.of(f));
        }
        return ResponseEntity.ok(json(f));
    }

    /** The figures as one workbook, a sheet each (FigureSheets); a few hundred rows at most, built in memory. */
    private static ResponseEntity<byte[]> xlsx(String fileName, List<Figure> all) throws IOException {
        return Xlsx.download(
                fileName, book -> all.forEach(f -> FigureSheets.of(f).write(book, f.rows()::forEach)));
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
