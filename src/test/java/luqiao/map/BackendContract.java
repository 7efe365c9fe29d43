package luqiao.map;

import java.util.List;
import luqiao.map.catalog.Layer;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** What every contract suite needs: the running server on one backend, an HTTP client, the database. */
abstract class BackendContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    static Geometry geometry(JsonNode feature) {
        try {
            return new GeoJsonReader().read(feature.path("geometry").toString());
        } catch (ParseException e) {
            throw new AssertionError("not GeoJSON: " + feature.path("geometry"), e);
        }
    }

    static Geometry wkb(byte[] bytes) {
        try {
            return new WKBReader().read(bytes);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Removes a feature a test made, with its history, straight from the database, and drops the cached tiles
     * that showed it (as the server's own writes do after they commit).
     */
    void removeFeature(Layer layer, String id) {
        List<byte[]> geometries = jdbc.queryForList(
                "SELECT ST_AsBinary(geom) FROM " + layer.table() + " WHERE " + layer.idColumn() + " = ?",
                byte[].class,
                id);
        jdbc.update("DELETE FROM " + layer.table() + " WHERE " + layer.idColumn() + " = ?", id);
        jdbc.update("DELETE FROM feature_versions WHERE layer = ? AND feature_id = ?", layer.id(), id);
        events.publishEvent(new FeaturesChanged(
                layer,
                geometries.stream().map(g -> wkb(g).getEnvelopeInternal()).toList()));
    }

    JsonNode zoneNamed(String name) {
        return http.get("/api/zones?limit=1000")
                .json()
                .path("features")
                .valueStream()
                .filter(f -> f.path("properties").path("name_zh").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
