package luqiao.map.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.Crs;
import org.h2gis.functions.io.dbf.internal.DbaseFileException;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes features as zipped shapefiles through H2GIS's shapefile driver: one shapefile per geometry
 * kind (a shapefile holds one; projects mix points, lines and polygons), each with {@code .shp},
 * {@code .shx}, {@code .dbf} (attribute text in the chosen encoding), {@code .cpg} naming it, and
 * {@code .prj}. Field names longer than 10 characters get their {@link ShapefileNames short name}.
 * Files are written to a temporary folder while the rows stream in, then zipped to the response.
 */
final class ShapefileExport implements AutoCloseable {

    enum Kind {
        POINT,
        LINE,
        POLYGON
    }

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final Path dir;
    private final String name;
    private final Layer layer;
    private final List<Field> fields;
    private final Crs crs;
    private final Charset encoding;
    private final Map<Kind, SHPDriver> drivers = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private boolean closed;

    ShapefileExport(Path dir, Layer layer, List<Field> fields, Crs crs, Charset encoding) {
        this.dir = dir;
        this.name = layer.id();
        this.layer = layer;
        this.fields = fields;
        this.crs = crs;
        this.encoding = encoding;
    }

    /** Adds one feature (geometry already in the target CRS). */
    void write(Feature feature) {
        Geometry g = feature.geometry();
        Kind kind = g.getDimension() == 0 ? Kind.POINT : g.getDimension() == 1 ? Kind.LINE : Kind.POLYGON;
        try {
            SHPDriver driver = drivers.get(kind);
            if (driver == null) {
                driver = open(kind);
                drivers.put(kind, driver);
            }
            Object[] row = new Object[fields.size() + 2];
            row[0] = multi(g);
            row[1] = feature.id();
            for (int i = 0; i < fields.size(); i++) {
                row[i + 2] = dbfValue(feature.properties().get(fields.get(i).name()));
            }
            driver.insertRow(row);
            counts.merge(kind, 1, Integer::sum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SHPDriver open(Kind kind) throws IOException {
        DbaseFileHeader header = new DbaseFileHeader();
        header.setEncoding(encoding.equals(StandardCharsets.UTF_8) ? "UTF-8" : "cp936");
        try {
            header.addColumn(layer.idColumn(), 'C', 80, 0);
            for (Field f : fields) {
                String column = ShapefileNames.shorten(f.name());
                switch (f.type()) {
                    case STRING -> header.addColumn(column, 'C', 254, 0);
                    case NUMBER ->
                        header.addColumn(
                                column,
                                'N',
                                20,
                                f.name().endsWith("_m2")
                                                || f.name().endsWith("_m")
                                                || f.name().endsWith("_wan")
                                        ? 2
                                        : 6);
                    case BOOLEAN -> header.addColumn(column, 'L', 1, 0);
                    case DATE -> header.addColumn(column, 'D', 8, 0);
                }
            }
        } catch (DbaseFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        SHPDriver driver = new SHPDriver();
        ShapeType type =
                switch (kind) {
                    case POINT -> ShapeType.MULTIPOINT;
                    case LINE -> ShapeType.ARC;
                    case POLYGON -> ShapeType.POLYGON;
                };
        driver.initDriver(
                dir.resolve(name + "_" + kind.name().toLowerCase() + ".shp").toFile(), type, header);
        return driver;
    }

    /** The shapefile kinds hold multi-part shapes; single parts are read back as single geometries. */
    private static Geometry multi(Geometry g) {
        if (g instanceof Point p) {
            return FACTORY.createMultiPoint(new Point[] {p});
        }
        if (g instanceof LineString l) {
            return FACTORY.createMultiLineString(new LineString[] {l});
        }
        if (g instanceof Polygon p) {
            return FACTORY.createMultiPolygon(new Polygon[] {p});
        }
        return g;
    }

    private static Object dbfValue(Object value) {
        if (value instanceof LocalDate d) {
            return Date.from(d.atStartOfDay(ZoneId.systemDefault()).toInstant()); // the DBF writer reads the local day
        }
        return value instanceof BigDecimal || value instanceof Boolean || value == null ? value : value.toString();
    }

    /** Closes the shapefiles and zips them, with their .cpg and .prj, to {@code out}. */
    void zipTo(OutputStream out) throws IOException {
        close();
        boolean single = drivers.size() <= 1;
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Kind kind : drivers.keySet()) {
                String written = name + "_" + kind.name().toLowerCase();
                String entry = single ? name : written;
                for (String ext : List.of(".shp", ".shx", ".dbf")) {
                    zip.putNextEntry(new ZipEntry(entry + ext));
                    Files.copy(dir.resolve(written + ext), zip);
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(entry + ".cpg"));
                zip.write((encoding.equals(StandardCharsets.UTF_8) ? "UTF-8" : "GBK")
                        .getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(entry + ".prj"));
                zip.write(ExportedCrs.esriWkt(crs).getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Map.Entry<Kind, SHPDriver> e : drivers.entrySet()) {
            e.getValue().close();
            patchDbfHeader(dir.resolve(name + "_" + e.getKey().name().toLowerCase() + ".dbf"), counts.get(e.getKey()));
        }
    }

    /**
     * The dBase header states the record count and the date of the last update; H2GIS writes the header
     * before the rows (the count it was given: none, as rows stream in) and the year as two digits, so
     * both are set here once the rows are written.
     */
    private static void patchDbfHeader(Path dbf, int records) throws IOException {
        LocalDate today = LocalDate.now();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dbf.toFile(), "rw")) {
            f.seek(1);
            f.write(new byte[] {
                (byte) (today.getYear() - 1900), (byte) today.getMonthValue(), (byte) today.getDayOfMonth()
            });
            f.write(java.nio.ByteBuffer.allocate(4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putInt(records)
                    .array());
        }
    }
}
