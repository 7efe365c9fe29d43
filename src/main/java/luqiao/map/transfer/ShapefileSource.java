package luqiao.map.transfer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.value.Value;
import org.h2.value.ValueGeometry;
import org.h2.value.ValueNull;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.locationtech.jts.geom.Geometry;

/**
 * An ESRI shapefile read record by record through H2GIS's file driver, which seeks each record
 * through the {@code .shx} index and reads the {@code .shp} and {@code .dbf} through small buffers:
 * a file of a million parcels is never in memory. Attribute text is decoded with the given charset.
 */
final class ShapefileSource implements FeatureSource {

    private final SHPDriver driver = new SHPDriver();
    private final List<String> fields = new ArrayList<>();
    private final char[] types;
    private final long total;
    private long next;

    ShapefileSource(Path shp, Charset encoding) throws IOException {
        checkComplete(shp);
        try {
            driver.initDriverFromFile(shp.toFile(), encoding.name());
        } catch (RuntimeException e) {
            throw new IOException("the shapefile cannot be read: " + e.getMessage(), e);
        }
        DbaseFileHeader header = driver.getDbaseFileHeader();
        types = new char[header.getNumFields()];
        for (int i = 0; i < types.length; i++) {
            fields.add(header.getFieldName(i).strip());
            types[i] = header.getFieldType(i);
        }
        total = driver.getRowCount();
    }

    /**
     * A copied or downloaded shapefile that broke off is refused before any record is read: the
     * {@code .shp} header states the file's length, and the last index entry where its last record ends.
     */
    static void checkComplete(Path shp) throws IOException {
        long size = Files.size(shp);
        if (size < 100) {
            throw new IOException("the .shp file is truncated: " + size + " bytes, less than its 100-byte header");
        }
        try (RandomAccessFile f = new RandomAccessFile(shp.toFile(), "r")) {
            f.seek(24);
            long declared = (f.readInt() & 0xFFFFFFFFL) * 2;
            if (declared > size) {
                throw new IOException(
                        "the .shp file is truncated: its header declares " + declared + " bytes, it has " + size);
            }
        }
        Path shx = sibling(shp, ".shx");
        long shxSize = Files.size(shx);
        if (shxSize < 100 || (shxSize - 100) % 8 != 0) {
            throw new IOException("the .shx index is truncated (" + shxSize + " bytes)");
        }
        if (shxSize > 100) {
            try (RandomAccessFile f = new RandomAccessFile(shx.toFile(), "r")) {
                f.seek(shxSize - 8);
                long end = (f.readInt() & 0xFFFFFFFFL) * 2 + 8 + (f.readInt() & 0xFFFFFFFFL) * 2;
                if (end > size) {
                    throw new IOException("the .shp file is truncated: its last record ends at byte " + end
                            + ", the file has " + size);
                }
            }
        }
    }

    /** The file next to {@code shp} with the given extension, in any letter case. */
    static Path sibling(Path shp, String extension) throws IOException {
        String name = shp.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        try (var files = Files.list(shp.getParent())) {
            return files.filter(p -> p.getFileName().toString().equalsIgnoreCase(stem + extension))
                    .findFirst()
                    .orElseThrow(() ->
                            new IOException("the shapefile has no " + extension + " file (" + stem + extension + ")"));
        }
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public SourceRow next() throws IOException {
        if (next >= total) {
            return null;
        }
        long row = next++;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < types.length; i++) {
            values.put(fields.get(i), value(driver.getField(row, i + 1), types[i]));
        }
        Value shape = driver.getField(row, 0);
        if (shape == null || shape == ValueNull.INSTANCE) {
            return new SourceRow(row + 1, null, values, null, "the record has no geometry (null shape)");
        }
        Geometry geometry = ((ValueGeometry) shape).getGeometry();
        // A shapefile does not tell a point from a one-point multipoint (nor lines, polygons): one part is read as
        // single.
        if (geometry instanceof org.locationtech.jts.geom.GeometryCollection && geometry.getNumGeometries() == 1) {
            geometry = geometry.getGeometryN(0);
        }
        return new SourceRow(row + 1, null, values, geometry, null);
    }

    private static Object value(Value v, char type) {
        if (v == null || v == ValueNull.INSTANCE) {
            return null;
        }
        String text = v.getString();
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (Character.toUpperCase(type)) {
            case 'N', 'F' -> new java.math.BigDecimal(text.strip());
            case 'L' -> v.getBoolean();
            case 'D' -> LocalDate.parse(text.strip());
            default -> text.strip();
        };
    }

    @Override
    public void close() throws IOException {
        driver.close();
    }
}
