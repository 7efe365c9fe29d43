package luqiao.map.inspection;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.web.AsOf;
import luqiao.map.web.Csv;
import luqiao.map.web.InvalidParameterException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's 督战 figures (issue #16), staff-only: JSON, CSV with {@code ?format=csv} as the dashboard's
 * other figures (or the {@code .csv} path), or a workbook with {@code ?format=xlsx}. {@code asOf} reads the problems as they stood at the end of that day.
 */
@RestController
class DuzhanDashboardController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final ProblemFigures figures;

    DuzhanDashboardController(ProblemFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/api/dashboard/problems")
    ResponseEntity<?> problems(
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf)
            throws IOException {
        return problems(format(format), AsOf.parse(asOf));
    }

    @GetMapping("/api/dashboard/problems.csv")
    ResponseEntity<?> problemsCsv(@RequestParam(name = AsOf.PARAMETER, required = false) String asOf)
            throws IOException {
        return problems("csv", AsOf.parse(asOf));
    }

    @GetMapping("/api/dashboard/duzhan")
    ResponseEntity<?> duzhan(
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            @RequestParam(required = false) Integer limit)
            throws IOException {
        return duzhan(format(format), AsOf.parse(asOf), limit);
    }

    @GetMapping("/api/dashboard/duzhan.csv")
    ResponseEntity<?> duzhanCsv(
            @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
            @RequestParam(required = false) Integer limit)
            throws IOException {
        return duzhan("csv", AsOf.parse(asOf), limit);
    }

    /** One table for the CSV: each grouping's rows, named in a {@code dimension} column. */
    private ResponseEntity<?> problems(String format, LocalDate asOf) throws IOException {
        List<ProblemFigures.Table> tables = figures.byGroup(asOf);
        String day = (asOf == null ? AsOf.today() : asOf).toString();
        if (format.equals("xlsx")) {
            return ProblemSheets.figures("problems-" + day + ".xlsx", tables);
        }
        if (format.equals("csv")) {
            List<List<Object>> rows = new java.util.ArrayList<>();
            for (ProblemFigures.Table t : tables) {
                String dimension = t.columns().get(0);
                boolean named = t.columns().contains("name_zh");
                for (List<Object> r : t.rows()) {
                    rows.add(java.util.Arrays.asList(
                            dimension,
                            r.get(0),
                            named ? r.get(1) : r.get(0),
                            r.get(r.size() - 2),
                            r.get(r.size() - 1)));
                }
            }
            return Csv.download(
                    "problems-" + day + ".csv", List.of("dimension", "key", "name_zh", "open", "overdue"), rows);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("as_of", day);
        Map<String, Object> all = new LinkedHashMap<>();
        tables.forEach(t -> all.put(t.id(), t.json()));
        answer.put("figures", all);
        return ResponseEntity.ok(answer);
    }

    private ResponseEntity<?> duzhan(String format, LocalDate asOf, Integer limit) throws IOException {
        int most = limit == null ? DEFAULT_LIMIT : limit;
        if (most < 1 || most > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        ProblemFigures.Table table = figures.duzhan(asOf, most);
        String day = (asOf == null ? AsOf.today() : asOf).toString();
        if (format.equals("xlsx")) {
            return ProblemSheets.figures("duzhan-" + day + ".xlsx", List.of(table));
        }
        if (format.equals("csv")) {
            return Csv.download("duzhan-" + day + ".csv", table.columns(), table.rows());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("as_of", day);
        answer.putAll(table.json());
        return ResponseEntity.ok(answer);
    }

    private static String format(String format) {
        if (!format.equals("json") && !format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidParameterException("format", "format must be json, csv or xlsx");
        }
        return format;
    }
}
