package luqiao.map.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A CSV file (RFC 4180: comma-separated, quoted fields may hold commas, quotes and line breaks) with
 * a header row and either a WKT column ({@code wkt}, {@code geometry}, {@code geom} or {@code the_geom})
 * or a longitude and a latitude column ({@code lon}/{@code lng}/{@code longitude}/{@code x} and
 * {@code lat}/{@code latitude}/{@code y}). Read line by line; a UTF-8 byte-order mark is skipped.
 * A small reader of its own: H2GIS's CSV reader loads into a table, which is what streaming avoids.
 */
final class CsvSource implements FeatureSource {

    private static final Set<String> WKT = Set.of("wkt", "geometry", "geom", "the_geom");
    private static final Set<String> LON = Set.of("lon", "lng", "longitude", "x");
    private static final Set<String> LAT = Set.of("lat", "latitude", "y");

    private final BufferedReader in;
    private final List<String> header;
    private final List<String> fields = new ArrayList<>();
    private final int wkt;
    private final int lon;
    private final int lat;
    private final WKTReader wktReader = new WKTReader();
    private final GeometryFactory factory = new GeometryFactory();
    private long number;
    private long line = 1;

    CsvSource(Path file, Charset encoding) throws IOException {
        in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), encoding), 1 << 16);
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        List<String> head = record();
        if (head == null || head.isEmpty()) {
            in.close();
            throw new IOException("the CSV file is empty: it needs a header row");
        }
        header = head.stream().map(String::strip).toList();
        wkt = column(WKT);
        lon = column(LON);
        lat = column(LAT);
        if (wkt < 0 && (lon < 0 || lat < 0)) {
            in.close();
            throw new IOException(
                    "the CSV file has no geometry: it needs a WKT column (wkt, geometry, geom) or lon and lat columns");
        }
        for (int i = 0; i < header.size(); i++) {
            if (i != wkt && (wkt >= 0 || i != lon && i != lat)) {
                fields.add(header.get(i));
            }
        }
    }

    private int column(Set<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public long total() {
        return -1;
    }

    @Override
    public SourceRow next() throws IOException {
        List<String> record;
        do {
            record = record();
        } while (record != null && record.size() == 1 && record.get(0).isEmpty());
        if (record == null) {
            return null;
        }
        number++;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (fields.contains(header.get(i))) {
                String v = i < record.size() ? record.get(i) : "";
                values.put(header.get(i), v.isEmpty() ? null : v);
            }
        }
        if (record.size() != header.size()) {
            return new SourceRow(
                    number,
                    null,
                    values,
                    null,
                    "the row has " + record.size() + " fields, the header " + header.size());
        }
        try {
            if (wkt >= 0) {
                String text = record.get(wkt).strip();
                if (text.isEmpty()) {
                    return new SourceRow(number, null, values, null, "the row has no geometry");
                }
                return new SourceRow(number, null, values, wktReader.read(text), null);
            }
            double x = Double.parseDouble(record.get(lon).strip());
            double y = Double.parseDouble(record.get(lat).strip());
            return new SourceRow(number, null, values, factory.createPoint(new Coordinate(x, y)), null);
        } catch (ParseException | NumberFormatException e) {
            return new SourceRow(number, null, values, null, "unreadable geometry: " + e.getMessage());
        }
    }

    /** The fields of the next record, or null at the end of the file. */
    private List<String> record() throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        long started = line;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new IOException("the CSV file ends inside a quoted field that starts on line " + started);
                }
                break;
            }
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        value.append('"');
                    } else {
                        quoted = false;
                        in.reset();
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    value.append((char) c);
                }
            } else if (c == '"' && value.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
            } else if (c == '\n') {
                line++;
                break;
            } else if (c != '\r') {
                value.append((char) c);
            }
            c = in.read();
        }
        values.add(value.toString());
        return values;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
