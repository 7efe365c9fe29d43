package luqiao.map.inspection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Site visits over HTTP (issue #16). Inspectors, planners and administrators only (SecurityConfig): none of it is
 * public. {@code POST /api/inspections} takes the phone's form as {@code multipart/form-data}: a {@code visit} part
 * (JSON) and any number of {@code photos} files.
 */
@RestController
class InspectionController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final Inspections inspections;
    private final InspectionProperties settings;
    private final JsonBodies json;

    InspectionController(Inspections inspections, InspectionProperties settings, JsonBodies json) {
        this.inspections = inspections;
        this.settings = settings;
        this.json = json;
    }

    /** 201 with the new visit; 200 with the stored one when its client key was sent before. */
    @PostMapping(path = "/api/inspections", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<byte[]> record(MultipartHttpServletRequest request, Authentication user) throws IOException {
        VisitInput input = VisitInput.read(visitPart(request), settings.departments());
        List<Inspections.Upload> uploads = new ArrayList<>();
        PhotoCheck check = inspections.photoCheck();
        for (MultipartFile f : request.getFiles("photos")) {
            String name =
                    f.getOriginalFilename() == null || f.getOriginalFilename().isBlank()
                            ? "photo " + (uploads.size() + 1)
                            : f.getOriginalFilename();
            check.checkSize(name, f.getSize());
            uploads.add(new Inspections.Upload(name, f.getBytes()));
        }
        Inspections.Recorded recorded = inspections.record(input, uploads, user.getName());
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .header("Location", "/api/inspections/" + recorded.visit().id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.bytes(recorded.visit()));
    }

    /** The {@code visit} part, sent as a file part (a JSON blob) or as a plain form field. */
    private JsonNode visitPart(MultipartHttpServletRequest request) throws IOException {
        MultipartFile file = request.getFile("visit");
        String text = file != null
                ? new String(file.getBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : request.getParameter("visit");
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException(
                    "visit",
                    "visit is required: a JSON part with projectId, visitedAt, "
                            + "lon, lat, progressText, progressPercent, clientKey and problems");
        }
        try {
            return json.readTree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new InvalidParameterException("visit", "visit is not valid JSON: " + e.getOriginalMessage());
        }
    }

    @GetMapping("/api/inspections")
    InspectionAnswers.Visits list(
            @RequestParam(required = false) String project, @RequestParam(required = false) Integer limit) {
        List<InspectionAnswers.VisitLine> found = inspections.list(project, limit(limit));
        return new InspectionAnswers.Visits(found.size(), found);
    }

    @GetMapping("/api/inspections/{id}")
    InspectionAnswers.Visit one(@PathVariable long id) {
        return inspections.read(id);
    }

    @GetMapping("/api/inspections/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        return image(inspections.photo(id, photoId, false));
    }

    @GetMapping("/api/inspections/{id}/photos/{photoId}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable long id, @PathVariable long photoId) {
        return image(inspections.photo(id, photoId, true));
    }

    /** Photos never change once stored; private: they are staff-only, never for a shared cache. */
    private static ResponseEntity<byte[]> image(InspectionStore.Image image) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.mediaType()))
                .cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS).cachePrivate())
                .body(image.bytes());
    }

    /** The visits that carry a position as GeoJSON points, newest first, with the days since each. */
    @GetMapping(path = "/api/inspections.geojson")
    ResponseEntity<byte[]> geojson(@RequestParam(required = false) Integer limit) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (InspectionAnswers.VisitLine v : inspections.positioned(limit(limit))) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("id", v.id());
            properties.put("projectId", v.projectId());
            properties.put("projectName", v.projectName());
            properties.put("visitedAt", v.visitedAt());
            properties.put("daysSince", v.daysSince());
            properties.put("progressText", v.progressText());
            properties.put("progressPercent", v.progressPercent());
            properties.put("distanceM", v.distanceM());
            properties.put("far", v.far());
            properties.put("createdBy", v.createdBy());
            properties.put("photoCount", v.photoCount());
            properties.put("thumbnailUrl", v.thumbnailUrl());
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", v.id());
            feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(v.lon(), v.lat())));
            feature.put("properties", properties);
            features.add(feature);
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("numberReturned", features.size());
        collection.put("features", features);
        return json.ok(JsonBodies.GEO_JSON, collection);
    }

    @GetMapping("/api/projects/{id}/inspection-summary")
    InspectionAnswers.Summary summary(@PathVariable String id) {
        return inspections.summary(id);
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
