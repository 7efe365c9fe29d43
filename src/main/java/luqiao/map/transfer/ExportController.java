package luqiao.map.transfer;

import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.excel.XlsxBook;
import luqiao.map.features.ItemsRequest;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.geometry.Crs;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import org.locationtech.jts.io.WKTWriter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/export/{layer}}: the layer, or what a query selects ({@code bbox}, {@code filter},
 * {@code datetime}, parsed exactly as by the OGC items endpoint; projects also as they stood on {@code asOf}),
 * as GeoJSON, CSV (WKT column), a zipped shapefile, a GeoPackage or an .xlsx worksheet (attributes only), in any supported CRS ({@code crs}, coordinates x east), with the caller's
 * visibility: the public never gets internal rows or fields. Rows stream from the database; shapefiles
 * and GeoPackages are built in a temporary folder while they stream, then sent and deleted.
 */
@RestController
class ExportController {

    private static final Set<String> QUERY =
            Set.of("bbox", "bbox-crs", "datetime", "filter", "filter-lang", "filter-crs", "crs", AsOf.PARAMETER);

    private final SpatialStore store;
    private final ObjectMapper json;

    ExportController(SpatialStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @GetMapping("/api/export/{layer}")
    void export(
            @PathVariable String layer,
            @RequestParam Map<String, String> params,
            Audience audience,
            HttpServletResponse response)
            throws IOException {
        Layer target = Layer.byName(layer).orElseThrow(() -> new NotFoundException("no layer '" + layer + "'"));
        Map<String, String> query = new HashMap<>(params);
        ExportFormat format = ExportFormat.of(query.remove("format"));
        String encodingName = query.remove("encoding");
        for (String name : query.keySet()) {
            if (!QUERY.contains(name)) {
                throw new InvalidParameterException(
                        name,
                        "unknown query parameter '" + name + "'; known are format, encoding, "
                                + String.join(", ", QUERY.stream().sorted().toList()));
            }
        }
        Charset encoding = encoding(encodingName, format);
        ItemsRequest request = ItemsRequest.parse(target, audience, query, 1, 1);
        Crs crs = request.crs();
        List<Field> fields = target.fields(audience);
        response.setContentType(format.mediaType + (format == ExportFormat.CSV ? "; charset=" + encoding.name() : ""));
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(target.id() + format.suffix)
                        .build()
                        .toString());
        response.setHeader("Content-Crs", "<" + crs.uri() + ">");
        // Writers flush and close what they write to; either would commit the answer, after which a database
        // failure before the first row could no longer be answered 503 (api.DatabaseUnavailable). The servlet
        // container sends its buffer whenever it is full, and the rest when the request ends.
        OutputStream out = new FilterOutputStream(response.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                this.out.write(b, off, len);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        switch (format) {
            case GEOJSON -> geoJson(target, request, crs, out);
            case CSV -> csv(target, request, fields, crs, encoding, out);
            case SHP -> shapefile(target, request, fields, crs, encoding, out);
            case GPKG -> geoPackage(target, request, fields, crs, out);
            case XLSX -> xlsx(target, request, audience, out);
        }
    }

    private static Charset encoding(String name, ExportFormat format) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = TextEncoding.named(name)
                .filter(c -> c.equals(StandardCharsets.UTF_8) || c.equals(TextEncoding.GBK))
                .orElseThrow(() -> new InvalidParameterException("encoding", "encoding must be UTF-8 or GBK"));
        if (format == ExportFormat.GEOJSON || format == ExportFormat.GPKG || format == ExportFormat.XLSX) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw new InvalidParameterException(
                        "encoding", "encoding: GeoJSON, GeoPackage and .xlsx are always UTF-8");
            }
        }
        return charset;
    }

    private static Feature inCrs(Feature f, Crs crs) {
        return new Feature(f.id(), f.properties(), crs.fromLonLat(f.geometry()));
    }

    /** GeoJSON with the id also as a property (named as the layer's id) so that it survives tools that drop feature ids. */
    private void geoJson(Layer layer, ItemsRequest request, Crs crs, OutputStream out) {
        int decimals = crs.isLonLat() ? GeoJsonWriter.DEGREE_DECIMALS : GeoJsonWriter.METRE_DECIMALS;
        Map<String, Object> members = new LinkedHashMap<>();
        if (crs != Crs.CRS84) {
            // GeoJSON 2008's crs member: what GDAL and QGIS read for data not in CRS84.
            Map<String, Object> name = new LinkedHashMap<>();
            name.put("type", "name");
            name.put("properties", Map.of("name", "urn:ogc:def:crs:EPSG::" + crs.srid()));
            members.put("crs", name);
        }
        try (JsonGenerator g = json.createGenerator(out)) {
            GeoJsonWriter.streamFeatureCollection(
                    g,
                    members,
                    each -> store.forEach(layer, request.query(), f -> {
                        Map<String, Object> properties = new LinkedHashMap<>();
                        properties.put(layer.idColumn(), f.id());
                        properties.putAll(f.properties());
                        each.accept(new Feature(f.id(), properties, crs.fromLonLat(f.geometry())));
                    }),
                    decimals);
        }
    }

    private void csv(Layer layer, ItemsRequest request, List<Field> fields, Crs crs, Charset encoding, OutputStream out)
            throws IOException {
        Writer w = new OutputStreamWriter(out, encoding);
        if (encoding.equals(StandardCharsets.UTF_8)) {
            w.write('\uFEFF'); // so that spreadsheet programs read the Chinese text as UTF-8
        }
        List<String> header = new ArrayList<>();
        header.add(layer.idColumn());
        fields.forEach(f -> header.add(f.name()));
        header.add("wkt");
        w.write(String.join(",", header.stream().map(ExportController::csvValue).toList()) + "\r\n");
        WKTWriter wkt = new WKTWriter();
        store.forEach(layer, request.query(), f -> {
            List<String> row = new ArrayList<>();
            row.add(csvValue(f.id()));
            fields.forEach(field -> row.add(csvValue(f.properties().get(field.name()))));
            row.add(csvValue(wkt.write(crs.fromLonLat(f.geometry()))));
            try {
                w.write(String.join(",", row) + "\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.flush();
    }

    private static String csvValue(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal n ? n.toPlainString() : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\""
                : text;
    }

    private void shapefile(
            Layer layer, ItemsRequest request, List<Field> fields, Crs crs, Charset encoding, OutputStream out)
            throws IOException {
        Path dir = Files.createTempDirectory("luqiao-export");
        try (ShapefileExport shp = new ShapefileExport(dir, layer, fields, crs, encoding)) {
            store.forEach(layer, request.query(), f -> shp.write(inCrs(f, crs)));
            shp.zipTo(out);
        } finally {
            delete(dir);
        }
    }

    private void geoPackage(Layer layer, ItemsRequest request, List<Field> fields, Crs crs, OutputStream out)
            throws IOException {
        Path dir = Files.createTempDirectory("luqiao-export");
        Path file = dir.resolve(layer.id() + ".gpkg");
        try {
            try (GeoPackageExport gpkg = new GeoPackageExport(file, layer, fields, crs)) {
                store.forEach(layer, request.query(), f -> gpkg.write(inCrs(f, crs)));
                gpkg.finish();
            }
            Files.copy(file, out);
        } finally {
            delete(dir);
        }
    }

    /**
     * The rows as a worksheet (attributes under Chinese titles, no geometry), streamed through SXSSF: rows go to a
     * temporary file as they are read, and the workbook is sent when the last one is in.
     */
    private void xlsx(Layer layer, ItemsRequest request, Audience audience, OutputStream out) throws IOException {
        try (XlsxBook book = new XlsxBook()) {
            LayerSheet.of(layer, audience).write(book, row -> store.forEach(layer, request.query(), row));
            book.writeTo(out);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
