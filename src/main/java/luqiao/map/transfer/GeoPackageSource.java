package luqiao.map.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.geometry.Crs;
import org.locationtech.jts.io.ParseException;
import org.sqlite.SQLiteConfig;

/**
 * The first feature table of a GeoPackage, read row by row through SQLite (opened read-only).
 * Its CRS comes from {@code gpkg_spatial_ref_sys}: the EPSG code, else the WKT definition.
 */
final class GeoPackageSource implements FeatureSource {

    private final Connection db;
    private final Statement statement;
    private final ResultSet rows;
    private final List<String> fields = new ArrayList<>();
    private final String geometryColumn;
    private final long total;
    private final Crs crs;
    private long number;

    GeoPackageSource(Path file) throws IOException {
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new IOException("the GeoPackage cannot be opened: " + e.getMessage(), e);
        }
        try {
            String table;
            int srsId;
            try (Statement s = db.createStatement();
                    ResultSet g = s.executeQuery(
                            "SELECT c.table_name, c.column_name, c.srs_id FROM gpkg_geometry_columns c"
                                    + " JOIN gpkg_contents t ON t.table_name = c.table_name WHERE t.data_type = 'features' ORDER BY c.table_name")) {
                if (!g.next()) {
                    throw new IOException("the GeoPackage has no feature table");
                }
                table = g.getString(1);
                geometryColumn = g.getString(2);
                srsId = g.getInt(3);
            }
            crs = srs(srsId);
            String pk = null;
            try (Statement s = db.createStatement();
                    ResultSet info = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
                while (info.next()) {
                    if (info.getInt("pk") == 1) {
                        pk = info.getString("name");
                    }
                }
            }
            try (Statement s = db.createStatement();
                    ResultSet n = s.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
                total = n.next() ? n.getLong(1) : 0;
            }
            statement = db.createStatement();
            rows = statement.executeQuery(
                    "SELECT * FROM " + quote(table) + (pk == null ? "" : " ORDER BY " + quote(pk)));
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i);
                if (!name.equalsIgnoreCase(geometryColumn) && !name.equals(pk)) {
                    fields.add(name);
                }
            }
        } catch (SQLException e) {
            close();
            throw new IOException("the file is not a readable GeoPackage: " + e.getMessage(), e);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The CRS the file's features are in; empty when the server does not support it. */
    Optional<Crs> crs() {
        return Optional.ofNullable(crs);
    }

    private Crs srs(int srsId) throws SQLException {
        try (var s = db.prepareStatement(
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
            s.setInt(1, srsId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                if ("EPSG".equalsIgnoreCase(r.getString(1))) {
                    Optional<Crs> byCode = Crs.find("EPSG:" + r.getInt(2));
                    if (byCode.isPresent()) {
                        return byCode.get();
                    }
                }
                String definition = r.getString(3);
                return definition == null ? null : PrjCrs.recognise(definition).orElse(null);
            }
        }
    }

    /**
     * A table or column name read from the uploaded file's own catalogue, as a quoted SQLite identifier.
     * Identifiers cannot be bound as parameters; doubling the quote keeps any name one identifier, and a NUL
     * (where SQLite would stop reading the statement) is refused. The file is opened read-only besides.
     */
    private static String quote(String identifier) throws IOException {
        if (identifier.indexOf('\0') >= 0) {
            throw new IOException("the GeoPackage names a table or column with a NUL character");
        }
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
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
        try {
            if (!rows.next()) {
                return null;
            }
            number++;
            Map<String, Object> values = new LinkedHashMap<>();
            for (String field : fields) {
                Object v = rows.getObject(field);
                values.put(
                        field,
                        v instanceof Integer || v instanceof Long || v instanceof Double
                                ? new java.math.BigDecimal(v.toString())
                                : v instanceof java.sql.Date d ? d.toLocalDate() : v);
            }
            byte[] blob = rows.getBytes(geometryColumn);
            if (blob == null) {
                return new SourceRow(number, null, values, null, "the row has no geometry");
            }
            try {
                return new SourceRow(number, null, values, GeoPackageBinary.read(blob), null);
            } catch (ParseException e) {
                return new SourceRow(number, null, values, null, "unreadable geometry: " + e.getMessage());
            }
        } catch (SQLException e) {
            throw new IOException("the GeoPackage cannot be read after row " + number + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (SQLException e) {
            // closing a read-only file: nothing was written that could be lost
        }
    }
}
