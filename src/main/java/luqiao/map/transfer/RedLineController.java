package luqiao.map.transfer;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import luqiao.map.analysis.AnalysisProperties;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.geometry.Crs;
import luqiao.map.geometry.GroundMeasure;
import luqiao.map.web.BodyTooLargeException;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import org.locationtech.jts.geom.Geometry;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/analysis/redline}: a red-line file (the raw body: a zipped shapefile, GeoJSON, CSV,
 * GeoPackage or KML; its name from {@code filename} or {@code Content-Disposition}) turned into the
 * parcel query's area. The answer is a GeoJSON Feature: the unioned, valid polygon in WGS 84 and what
 * was read (format, CRS and where it came from, polygons, area in m², 亩 and ha). The file is read
 * as an import reads it ({@link StagedUpload}: format, {@code .prj}/{@code .cpg}, encoding detection,
 * zip limits), in a temporary folder deleted before the answer; nothing is stored. Public: it reads
 * no data, and the query it feeds applies the caller's audience.
 */
@RestController
class RedLineController {

    /** A zipped red line may unpack to this many times the upload limit (its .dbf compresses well). */
    private static final int UNPACKED_FACTOR = 20;

    private final ObjectMapper json;
    private final JsonBodies bodies;
    private final TransferProperties settings;
    private final AnalysisProperties analysis;

    RedLineController(ObjectMapper json, JsonBodies bodies, TransferProperties settings, AnalysisProperties analysis) {
        this.json = json;
        this.bodies = bodies;
        this.settings = settings;
        this.analysis = analysis;
    }

    @PostMapping(
            path = "/api/analysis/redline",
            consumes = {"!application/x-www-form-urlencoded", "!multipart/form-data"})
    ResponseEntity<byte[]> redLine(
            @RequestParam(required = false) String filename,
            @RequestParam(required = false) String crs,
            @RequestParam(required = false) String encoding,
            HttpServletRequest request)
            throws IOException {
        long max = settings.redLineMaxSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw new BodyTooLargeException(request.getContentLengthLong(), max);
        }
        String name = UploadNames.baseName(filename != null ? filename : ImportController.filename(request));
        if (name != null && !UploadNames.valid(name)) {
            throw new InvalidParameterException("filename", "filename: not a name a file may have");
        }
        Path dir = Files.createTempDirectory("luqiao-red-line-");
        try {
            Path upload = dir.resolve("upload" + ImportJobs.extension(name));
            UploadCopy.copy(request.getInputStream(), upload, max);
            Feature answer = read(dir, upload, name, crs, encoding);
            return bodies.ok(JsonBodies.GEO_JSON, out -> GeoJsonWriter.writeFeature(out, answer));
        } finally {
            JobFolder.deleteTree(dir);
        }
    }

    private Feature read(Path dir, Path upload, String name, String crs, String encoding) throws IOException {
        long unpacked = settings.redLineMaxSize().toBytes() * UNPACKED_FACTOR;
        RedLineArea area = new RedLineArea(analysis.maxVertices());
        Map<String, Object> read = new LinkedHashMap<>();
        Geometry lonLat;
        try {
            if (Files.size(upload) == 0) {
                throw RedLineArea.bad("the file is empty");
            }
            if (KmlPolygons.isKml(upload, name)) {
                KmlPolygons.Content kml = KmlPolygons.read(upload, analysis.maxVertices());
                kml.polygons().forEach(area::add);
                area.countOthers(kml.points(), kml.lines());
                read.put("format", "kml");
                read.put("crs", Crs.CRS84.id());
                read.put("crsSource", "format");
                lonLat = area.lonLat(Crs.CRS84, false);
            } else {
                StagedUpload staged = StagedUpload.of(
                        json,
                        dir,
                        upload,
                        name,
                        crs,
                        encoding,
                        new StagedUpload.ZipLimits(
                                unpacked, settings.maxZipEntries(), settings.maxCompressionRatio(), () -> unpacked));
                try (FeatureSource source = staged.open(json, analysis.maxVertices())) {
                    area.addAll(source);
                }
                read.put("format", staged.format().name().toLowerCase(java.util.Locale.ROOT));
                read.put("crs", staged.crs().id());
                read.put("crsSource", staged.crsSource());
                lonLat = area.lonLat(staged.crs(), staged.format() == StagedUpload.UploadFormat.CSV);
            }
        } catch (IOException e) {
            throw RedLineArea.bad(e.getMessage());
        }
        read.put("polygons", area.polygonCount());
        read.put("area_m2", BigDecimal.valueOf(GroundMeasure.areaM2(lonLat)).setScale(2, RoundingMode.HALF_UP));
        return new Feature(null, read, lonLat);
    }
}
