package luqiao.map.transfer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.Crs;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The rows a dry run found good, as checked (lon/lat geometry, converted fields), saved in the job's folder as
 * {@value #FILE}, so that a commit with the same mapping, on whichever instance, reads them instead of parsing and
 * checking the upload again (issue #18: the commit's JSON parsing, validity checks and CRS transforms were half its
 * time). Written only by a dry run that rejected nothing, to a temporary file moved into place before the job is
 * marked ready: a commit finds the whole file or none (then it reads the upload as before).
 * <p>
 * What the commit must check again is not here: whether an id was taken meanwhile is asked of the database in the
 * commit's transaction, batch by batch, as before. The file opens with a key naming what the rows depend on (the
 * layer and its fields, the upload's CRS, the mapping, the vertex limit, this format's version); a commit whose key
 * differs reads the upload. Each row: its number in the file, the id, the fields in the layer's order (a tag and the
 * value), the geometry as WKB; the end is marked.
 */
final class CheckedRows {

    static final String FILE = "checked-rows.bin";

    /** Raised when the form of the file changes, so that a file written by another version is not read. */
    private static final String FORMAT = "luqiao checked rows 1";

    private static final long END = -1;

    private static final byte NULL = 0, TEXT = 1, NUMBER = 2, BOOLEAN = 3, DATE = 4;

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private CheckedRows() {}

    /** What the rows of a pass depend on: a saved file is used only by a commit whose key is the same. */
    static String key(Layer layer, Crs crs, FieldMapping mapping, int maxVertices) {
        return FORMAT + "\nlayer=" + layer.name() + "\nfields=" + names(layer) + "\ncrs=" + crs.id() + "\nmax-vertices="
                + maxVertices + "\nmapping=" + new TreeMap<>(mapping.targets());
    }

    /** The fields a checked feature of the layer has, in their order ({@link RowCheck} fills them all). */
    private static List<String> names(Layer layer) {
        return layer.storedFields().stream().map(Field::name).toList();
    }

    /**
     * A checked feature as a row of the file (any thread may encode, so the check threads do): its id, its fields'
     * values in the layer's order, its geometry. Null when it cannot be saved (a field of another type than
     * {@link RowCheck} makes): the dry run then saves nothing.
     */
    static byte[] encode(Layer layer, Feature feature) {
        List<Field> fields = layer.storedFields();
        if (feature.properties().size() != fields.size()) {
            return null;
        }
        int i = 0;
        for (String name : feature.properties().keySet()) {
            if (!name.equals(fields.get(i++).name())) {
                return null;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeUTF(feature.id());
            for (Object value : feature.properties().values()) {
                if (!value(out, value)) {
                    return null;
                }
            }
            byte[] geometry = new WKBWriter(2).write(feature.geometry());
            out.writeInt(geometry.length);
            out.write(geometry);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a ByteArrayOutputStream
        }
        return bytes.toByteArray();
    }

    private static boolean value(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(TEXT);
            byte[] text = s.getBytes(StandardCharsets.UTF_8); // writeUTF holds at most 64 KB
            out.writeInt(text.length);
            out.write(text);
        } else if (value instanceof BigDecimal n) {
            out.writeByte(NUMBER);
            out.writeUTF(n.toString()); // read back with its scale: 1.50 stays 1.50
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeUTF(d.toString());
        } else {
            return false;
        }
        return true;
    }

    /** A row read back: its number in the upload and the feature as the dry run checked it. */
    record Row(long number, Feature feature) {}

    /** Writes a dry run's good rows, in file order; {@link #finish} puts the file in place, {@link #close} alone drops it. */
    static final class Writer implements Closeable {
        private final Path dir;
        private final Path tmp;
        private final DataOutputStream out;
        private boolean dropped;
        private boolean finished;

        Writer(Path dir, String key) throws IOException {
            this.dir = dir;
            this.tmp = dir.resolve(FILE + ".tmp");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
            out.writeUTF(key);
        }

        /** Saves a good row, {@link #encode encoded}; one that could not be (null) drops the file. */
        void add(long number, byte[] encoded) throws IOException {
            if (encoded == null) {
                drop();
            }
            if (dropped) {
                return;
            }
            out.writeLong(number);
            out.write(encoded);
        }

        /** Stops saving: the commit will read the upload (a rejected row, or a field this file cannot hold). */
        void drop() {
            dropped = true;
        }

        /** Completes the file and moves it into place, unless dropped. */
        void finish() throws IOException {
            if (dropped) {
                return;
            }
            out.writeLong(END);
            out.close();
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
        }

        /** Drops what was written unless {@link #finish} put it in place. */
        @Override
        public void close() throws IOException {
            if (!finished) {
                out.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The saved rows of the job in {@code dir}, if a dry run saved them with this {@code key}. */
    static Optional<Reader> open(Path dir, String key, Layer layer) throws IOException {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(FILE)), 1 << 16));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            if (in.readUTF().equals(key)) {
                return Optional.of(new Reader(in, names(layer)));
            }
        } catch (IOException e) {
            // not a file of this format: read the upload
        }
        in.close();
        return Optional.empty();
    }

    /** Reads saved rows in file order. */
    static final class Reader implements Closeable {
        private final DataInputStream in;
        private final List<String> names;
        private final WKBReader wkb = new WKBReader(WGS84);

        private Reader(DataInputStream in, List<String> names) {
            this.in = in;
            this.names = names;
        }

        /** The next row; null after the last. A file that ends early is an IOException (it was written whole). */
        Row next() throws IOException {
            long number = in.readLong();
            if (number == END) {
                return null;
            }
            String id = in.readUTF();
            Map<String, Object> properties = new LinkedHashMap<>(names.size() * 2);
            for (String name : names) {
                properties.put(name, value());
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            Geometry geometry;
            try {
                geometry = wkb.read(bytes);
            } catch (ParseException e) {
                throw new IOException("the saved rows of the dry run are damaged: " + e.getMessage(), e);
            }
            geometry.setSRID(4326);
            return new Row(number, new Feature(id, properties, geometry));
        }

        private Object value() throws IOException {
            byte tag = in.readByte();
            return switch (tag) {
                case NULL -> null;
                case TEXT -> {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    yield new String(bytes, StandardCharsets.UTF_8);
                }
                case NUMBER -> new BigDecimal(in.readUTF());
                case BOOLEAN -> in.readBoolean();
                case DATE -> LocalDate.parse(in.readUTF());
                default -> throw new EOFException("the saved rows of the dry run are damaged (field tag " + tag + ")");
            };
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
