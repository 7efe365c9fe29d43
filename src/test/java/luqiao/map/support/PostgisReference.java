package luqiao.map.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostGIS as the reference for ground measurements: {@code ST_Area} and {@code ST_Length} on
 * {@code ::geography} (the spheroid). Used to check figures that the server computes itself.
 */
public final class PostgisReference implements AutoCloseable {

    private static final String DATABASE = "luqiao_test_reference";
    private final Connection connection;

    public PostgisReference() throws SQLException {
        this.connection = PostgisTestDatabase.connect(referenceUrl());
    }

    private static String url;

    /** Made fresh once per test run, then shared: it holds no tables, only the PostGIS functions. */
    private static synchronized String referenceUrl() {
        if (url == null) {
            url = PostgisTestDatabase.fresh(DATABASE, true);
        }
        return url;
    }

    /** ST_Area(geometry::geography) in m² of a GeoJSON geometry in WGS 84. */
    public double areaM2(String geoJson) throws SQLException {
        return scalar("SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)", geoJson);
    }

    /** ST_Length(geometry::geography) in m of a GeoJSON geometry in WGS 84. */
    public double lengthM(String geoJson) throws SQLException {
        return scalar("SELECT ST_Length(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)", geoJson);
    }

    /** ST_Transform of a WGS 84 GeoJSON geometry to {@code srid}, as GeoJSON in x-east order (PostGIS's). */
    public String transform(String geoJson, int srid) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), ?), 4)")) {
            s.setString(1, geoJson);
            s.setInt(2, srid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** ST_Distance(a::geography, b::geography) in m (spheroid) between two GeoJSON geometries in WGS 84. */
    public double distanceM(String geoJsonA, String geoJsonB) throws SQLException {
        return scalar(
                "SELECT ST_Distance(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography,"
                        + " ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography)",
                geoJsonA,
                geoJsonB);
    }

    /** ST_Area(ST_Intersection(a, b)::geography) in m² of two GeoJSON geometries in WGS 84. */
    public double intersectionAreaM2(String geoJsonA, String geoJsonB) throws SQLException {
        return scalar(
                "SELECT ST_Area(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326),"
                        + " ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))::geography)",
                geoJsonA,
                geoJsonB);
    }

    /** ST_Length(ST_Intersection(a, b)::geography) in m of two GeoJSON geometries in WGS 84. */
    public double intersectionLengthM(String geoJsonA, String geoJsonB) throws SQLException {
        return scalar(
                "SELECT ST_Length(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326),"
                        + " ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))::geography)",
                geoJsonA,
                geoJsonB);
    }

    private double scalar(String sql, String... geoJson) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < geoJson.length; i++) {
                s.setString(i + 1, geoJson[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
