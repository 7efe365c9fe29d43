package luqiao.map.transfer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.Crs;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes features into a new GeoPackage (1.3) file: the required metadata tables, one feature table
 * named after the layer with a column per field, and the geometries as GeoPackage blobs in the
 * chosen CRS. Rows are inserted in batches inside one SQLite transaction while they stream in.
 */
final class GeoPackageExport implements AutoCloseable {

    private static final int BATCH = 1000;

    private final Connection db;
    private final PreparedStatement insert;
    private final Layer layer;
    private final List<Field> fields;
    private final Crs crs;
    private final Envelope extent = new Envelope();
    private int pending;

    GeoPackageExport(Path file, Layer layer, List<Field> fields, Crs crs) throws IOException {
        this.layer = layer;
        this.fields = fields;
        this.crs = crs;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA application_id = 1196444487"); // 'GPKG'
                s.execute("PRAGMA user_version = 10300");
                s.execute(
                        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
                                + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)");
                s.execute(
                        "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),"
                                + " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL)");
                s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
                        + " identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT"
                        + " (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,"
                        + " srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id))");
                s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
                        + " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
                        + " CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))");
                StringBuilder table =
                        new StringBuilder("CREATE TABLE \"" + layer.id() + "\" (fid INTEGER PRIMARY KEY AUTOINCREMENT,"
                                + " geom " + geometryType() + ", \"" + layer.idColumn() + "\" TEXT NOT NULL UNIQUE");
                for (Field f : fields) {
                    table.append(", \"")
                            .append(f.name())
                            .append("\" ")
                            .append(
                                    switch (f.type()) {
                                        case STRING -> "TEXT";
                                        case NUMBER -> "REAL";
                                        case BOOLEAN -> "BOOLEAN";
                                        case DATE -> "DATE";
                                    });
                }
                s.execute(table.append(")").toString());
            }
            try (PreparedStatement p =
                    db.prepareStatement("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, ?, NULL)")) {
                p.setString(1, crs.id());
                p.setInt(2, crs.srid());
                p.setInt(3, crs.srid());
                p.setString(4, ExportedCrs.ogcWkt(crs));
                p.executeUpdate();
            }
            try (PreparedStatement p =
                    db.prepareStatement("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)")) {
                p.setString(1, layer.id());
                p.setString(2, geometryType());
                p.setInt(3, crs.srid());
                p.executeUpdate();
            }
            db.setAutoCommit(false);
            List<String> columns = new ArrayList<>();
            columns.add("geom");
            columns.add("\"" + layer.idColumn() + "\"");
            fields.forEach(f -> columns.add("\"" + f.name() + "\""));
            insert = db.prepareStatement("INSERT INTO \"" + layer.id() + "\" (" + String.join(", ", columns)
                    + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)");
        } catch (SQLException e) {
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }

    private String geometryType() {
        return LayerRules.polygonal(layer) ? "MULTIPOLYGON" : "GEOMETRY";
    }

    /**
     * Adds one feature (geometry already in the target CRS). Called while the rows stream from the
     * store, so a failure of the file is unchecked: it ends the export.
     */
    void write(Feature feature) {
        try {
            add(feature);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }

    private void add(Feature feature) throws SQLException {
        insert.setBytes(1, GeoPackageBinary.write(feature.geometry(), crs.srid()));
        extent.expandToInclude(feature.geometry().getEnvelopeInternal());
        insert.setString(2, feature.id());
        for (int i = 0; i < fields.size(); i++) {
            Object v = feature.properties().get(fields.get(i).name());
            int column = i + 3;
            if (v == null) {
                insert.setObject(column, null);
            } else if (v instanceof BigDecimal n) {
                insert.setDouble(column, n.doubleValue());
            } else if (v instanceof Boolean b) {
                insert.setInt(column, b ? 1 : 0);
            } else {
                insert.setString(column, v.toString());
            }
        }
        insert.addBatch();
        if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
        }
    }

    /** Writes what is pending and the layer's entry in {@code gpkg_contents}, and closes the file. */
    void finish() throws IOException {
        try {
            complete();
        } catch (SQLException e) {
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }

    private void complete() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, identifier,"
                + " min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, layer.id());
            p.setString(2, layer.id());
            p.setObject(3, extent.isNull() ? null : extent.getMinX());
            p.setObject(4, extent.isNull() ? null : extent.getMinY());
            p.setObject(5, extent.isNull() ? null : extent.getMaxX());
            p.setObject(6, extent.isNull() ? null : extent.getMaxY());
            p.setInt(7, crs.srid());
            p.executeUpdate();
        }
        db.commit();
        db.close();
    }

    @Override
    public void close() throws IOException {
        try {
            if (!db.isClosed()) {
                db.close();
            }
        } catch (SQLException e) {
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }
}
