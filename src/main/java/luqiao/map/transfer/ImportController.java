package luqiao.map.transfer;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Layer;
import luqiao.map.security.Role;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.Layers;
import luqiao.map.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports over HTTP: {@code POST /api/import/{layer}} stages a file (the raw request body; its name
 * from {@code filename} or {@code Content-Disposition}) and starts the dry run (202); {@code GET
 * /api/import/{id}} tells status, progress and the dry-run report; {@code POST /api/import/{id}/commit}
 * (optionally with an edited {@code mapping}) applies it all or nothing; {@code DELETE} cancels.
 * Who may import into which layer: parcels land staff, projects planners, zones administrators
 * (administrators everything). A job is visible to the user who uploaded it and to administrators.
 */
@RestController
class ImportController {

    private final ImportJobs jobs;

    ImportController(ImportJobs jobs) {
        this.jobs = jobs;
    }

    /** The file is the raw body (any type but a form, which servlet containers would parse as parameters). */
    @PostMapping(
            path = "/api/import/{layer}",
            consumes = {"!application/x-www-form-urlencoded", "!multipart/form-data"})
    ResponseEntity<Map<String, Object>> upload(
            @PathVariable String layer,
            @RequestParam(required = false) String filename,
            @RequestParam(required = false) String crs,
            @RequestParam(required = false) String encoding,
            HttpServletRequest request,
            Authentication user)
            throws IOException {
        Layer target = Layers.named(layer);
        Set<String> roles = roles(user);
        if (!roles.contains(Role.ADMIN.authority())
                && !roles.contains(importer(target).authority())) {
            throw new ImportForbiddenException("importing into " + target.id() + " needs the role "
                    + importer(target).name() + " or ADMIN");
        }
        String name = filename != null ? filename : filename(request);
        // The announced length is judged before the body is read: a 2 GB Content-Length is a 413 at once.
        ImportJob job = jobs.stage(
                target, user.getName(), request.getInputStream(), request.getContentLengthLong(), name, crs, encoding);
        return ResponseEntity.accepted()
                .location(URI.create("/api/import/" + job.id))
                .body(view(job));
    }

    private static Role importer(Layer layer) {
        return switch (layer) {
            case PARCELS -> Role.LAND_STAFF;
            case PROJECTS -> Role.PLANNER;
            case ZONES -> Role.ADMIN;
        };
    }

    /** The file name a {@code Content-Disposition} header gives; null without one. */
    static String filename(HttpServletRequest request) {
        String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        try {
            return disposition == null
                    ? null
                    : ContentDisposition.parse(disposition).getFilename();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "Content-Disposition", "Content-Disposition: not a valid header (" + e.getMessage() + ")");
        }
    }

    @GetMapping("/api/import/{id}")
    Map<String, Object> status(@PathVariable String id, Authentication user) {
        return view(job(id, user));
    }

    @PostMapping("/api/import/{id}/commit")
    Map<String, Object> commit(
            @PathVariable String id, @RequestBody(required = false) Map<String, Object> body, Authentication user)
            throws IOException {
        ImportJob job = job(id, user);
        Map<String, String> mapping = null;
        if (body != null && body.get("mapping") instanceof Map<?, ?> edited) {
            mapping = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : edited.entrySet()) {
                mapping.put(String.valueOf(e.getKey()), e.getValue() == null ? null : String.valueOf(e.getValue()));
            }
        } else if (body != null && body.containsKey("mapping")) {
            throw new InvalidParameterException(
                    "mapping", "mapping must be an object of source field → layer field (or null)");
        }
        return view(jobs.commit(job, mapping));
    }

    @DeleteMapping("/api/import/{id}")
    ResponseEntity<Void> cancel(@PathVariable String id, Authentication user) throws IOException {
        jobs.cancel(job(id, user));
        return ResponseEntity.noContent().build();
    }

    private ImportJob job(String id, Authentication user) {
        return jobs.find(id, user.getName(), roles(user).contains(Role.ADMIN.authority()))
                .orElseThrow(() -> new NotFoundException("no import '" + id + "'"));
    }

    private static Set<String> roles(Authentication user) {
        return Set.copyOf(user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList());
    }

    private static Map<String, Object> view(ImportJob job) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", job.id);
        v.put("layer", job.layer.id());
        v.put("status", job.status.name().toLowerCase());
        v.put("format", job.upload.format().name().toLowerCase());
        v.put("crs", job.upload.crs().id());
        v.put("crsSource", job.upload.crsSource());
        v.put("encoding", job.upload.encoding().name());
        v.put("encodingSource", job.upload.encodingSource());
        v.put("fields", job.fields);
        v.put("mapping", job.mapping.targets());
        v.put("targets", FieldMapping.targetNames(job.layer));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("processed", job.processed.get());
        progress.put("total", job.total < 0 ? null : job.total);
        v.put("progress", progress);
        v.put("report", job.report == null ? null : report(job.report));
        v.put("imported", job.imported);
        v.put("error", job.error);
        return v;
    }

    private static Map<String, Object> report(ImportJob.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", r.read());
        m.put("accepted", r.accepted());
        m.put("rejectedCount", r.rejectedCount());
        m.put("rejected", rejections(r.rejected()));
        return m;
    }

    private static List<Map<String, Object>> rejections(List<ImportJob.Rejection> rejected) {
        return rejected.stream()
                .map(x -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("row", x.row());
                    m.put("id", x.id());
                    m.put("reason", x.reason());
                    return m;
                })
                .toList();
    }

    @ExceptionHandler(ImportRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ImportRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Import rejected");
        problem.setProperty("rejectedCount", e.report.rejectedCount());
        problem.setProperty("rejected", rejections(e.report.rejected()));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(ImportConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ImportConflictException e) {
        return problem(HttpStatus.CONFLICT, "Import not ready", e.getMessage());
    }

    @ExceptionHandler(ImportForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ImportForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
