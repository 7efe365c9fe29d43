package luqiao.map.transfer;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Layer;
import luqiao.map.excel.XlsxUpload;
import luqiao.map.geojson.Feature;
import luqiao.map.store.StoredFeature;
import luqiao.map.store.VersionedStore;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/projects/batch/xlsx}: project attribute updates from an .xlsx (the project export, edited),
 * for those who edit projects (PLANNER, ADMIN; SecurityConfig). {@code ?dryRun=true} reads the sheet and
 * answers what would change and every rejected cell; without it the same is done and, when no cell is
 * rejected, every change is written in ONE transaction through the versioned store, so each changed project
 * gets an {@code update} version in its history and its tiles are evicted. Any rejected cell refuses the
 * commit (422, listing the cells), and nothing changes.
 */
@RestController
class ProjectUpdateController {

    private final VersionedStore store;
    private final TransferProperties settings;

    ProjectUpdateController(VersionedStore store, TransferProperties settings) {
        this.store = store;
        this.settings = settings;
    }

    @PostMapping("/api/projects/batch/xlsx")
    Map<String, Object> update(
            @RequestBody(required = false) byte[] body,
            @RequestParam(defaultValue = "false") boolean dryRun,
            HttpServletRequest request)
            throws IOException {
        MediaType declared = declared(request);
        if (body == null || body.length == 0) {
            throw new InvalidParameterException("file", "the request needs a body: the .xlsx file");
        }
        long max = settings.xlsxMaxSize().toBytes();
        if (body.length > max) {
            throw new ProblemException(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "Content too large",
                            "the workbook has " + body.length + " bytes; at most " + max + " are read")
                    .with("limit", "luqiao.transfer.xlsx-max-size");
        }
        ProjectUpdateSheet.Result result;
        try (XlsxUpload upload = XlsxUpload.open(body, declared, 10 * max)) {
            result = new ProjectUpdateSheet(
                            code -> store.current(Layer.PROJECTS, code).filter(p -> !p.deleted()))
                    .read(upload.workbook(), settings.xlsxMaxRows());
        }
        if (dryRun) {
            return report(
                    result,
                    true,
                    result.changes().stream().map(c -> changed(c, c.version())).toList());
        }
        if (!result.rejected().isEmpty()) {
            throw new ProblemException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "Rejected cells",
                            result.rejected().size() + " cell(s) of the sheet cannot be used (the first: "
                                    + result.rejected().get(0).cell() + ", "
                                    + result.rejected().get(0).reason() + "); nothing was changed")
                    .with("rejectedCount", result.rejected().size())
                    .with("rejected", listed(result));
        }
        Map<String, ProjectUpdateSheet.Change> byCode = new HashMap<>();
        Map<String, Long> expected = new HashMap<>();
        result.changes().forEach(c -> {
            byCode.put(c.code(), c);
            expected.put(c.code(), c.version());
        });
        List<StoredFeature> written = expected.isEmpty()
                ? List.of()
                : store.replaceAll(Layer.PROJECTS, expected, f -> applied(f, byCode.get(f.id())), actor());
        Map<String, Long> versions = new HashMap<>();
        written.forEach(s -> versions.put(s.feature().id(), s.version()));
        return report(
                result,
                false,
                result.changes().stream()
                        .map(c -> changed(c, versions.getOrDefault(c.code(), c.version())))
                        .toList());
    }

    private static Feature applied(Feature feature, ProjectUpdateSheet.Change change) {
        Map<String, Object> properties = new LinkedHashMap<>(feature.properties());
        properties.putAll(change.after());
        return new Feature(feature.id(), properties, feature.geometry());
    }

    private Map<String, Object> report(
            ProjectUpdateSheet.Result result, boolean dryRun, List<Map<String, Object>> changed) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("committed", !dryRun);
        answer.put("sheet", result.sheet());
        answer.put("rows", result.rows());
        answer.put("changed", changed);
        answer.put("unchanged", result.unchanged());
        answer.put("rejectedCount", result.rejected().size());
        answer.put("rejected", listed(result));
        return answer;
    }

    private List<Map<String, Object>> listed(ProjectUpdateSheet.Result result) {
        return result.rejected().stream()
                .limit(settings.maxReportedRejections())
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sheet", r.sheet());
                    m.put("cell", r.cell());
                    m.put("row", r.row());
                    m.put("column", r.column());
                    m.put("field", r.field());
                    m.put("value", r.value());
                    m.put("reason", r.reason());
                    return m;
                })
                .toList();
    }

    /** One changed project: its code, its version (read, or written), and each field before and after. */
    private static Map<String, Object> changed(ProjectUpdateSheet.Change change, long version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        change.after().forEach((name, to) -> {
            Map<String, Object> fromTo = new LinkedHashMap<>();
            fromTo.put("from", json(change.before().get(name)));
            fromTo.put("to", json(to));
            fields.put(name, fromTo);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", change.code());
        m.put("version", version);
        m.put("changes", fields);
        return m;
    }

    private static Object json(Object value) {
        return value instanceof LocalDate d ? d.toString() : value;
    }

    private static MediaType declared(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(type);
        } catch (InvalidMediaTypeException e) {
            throw new ProblemException(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not an .xlsx workbook", "unreadable Content-Type")
                    .with("field", "file");
        }
    }

    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
