package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import luqiao.map.support.Caller;
import luqiao.map.support.PmtilesReader;
import luqiao.map.tiles.PmtilesExport;
import luqiao.map.tiles.TileSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The PMTiles export (issue #14, static archives for a CDN): the archive written from this backend is read
 * back by the reference reader (npm {@code pmtiles}), and its tiles are the anonymous visitor's tiles of
 * {@code /tiles/all/…}, byte for byte; where an internal project lies, the archive has no trace of it.
 */
abstract class PmtilesExportContract extends BackendContract {

    private static final int MAX_ZOOM = 13;

    @Autowired
    PmtilesExport export;

    @Test
    void theArchiveHoldsThePublicTilesAndNoInternalProject() throws IOException {
        Map<String, Object> internal = jdbc.queryForMap(
                "SELECT code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat"
                        + " FROM projects WHERE stage NOT IN ('开工', '竣工') ORDER BY code LIMIT 1");
        String code = (String) internal.get("code");
        double lon = ((Number) internal.get("lon")).doubleValue();
        double lat = ((Number) internal.get("lat")).doubleValue();
        String internalTile = tile(MAX_ZOOM, lon, lat);
        // The test means something only if staff see the internal project in that very tile.
        Caller planner = DashboardContract.newUser(port, "PLANNER");
        assertThat(text(gunzipIfGzip(
                        planner.get("/tiles/all/" + internalTile + ".mvt").bytes())))
                .as("a planner's tile %s", internalTile)
                .contains(code);

        Path file = Files.createDirectories(Path.of("target", "pmtiles"))
                .resolve(getClass().getEnclosingClass().getSimpleName() + "-" + UUID.randomUUID() + ".pmtiles");
        PmtilesExport.Summary summary = export.export(TileSet.ALL, 0, MAX_ZOOM, file);
        assertThat(summary.tiles()).isPositive();

        List<String> samples = new ArrayList<>(List.of("0/0/0", tile(10, lon, lat), internalTile));
        JsonNode read = PmtilesReader.read(file, samples);
        JsonNode header = read.path("header");
        assertThat(header.path("specVersion").asInt()).isEqualTo(3);
        assertThat(header.path("tileType").asInt()).as("MVT").isEqualTo(1);
        assertThat(header.path("tileCompression").asInt()).as("gzip").isEqualTo(2);
        assertThat(header.path("minZoom").asInt()).isZero();
        assertThat(header.path("maxZoom").asInt()).isEqualTo(MAX_ZOOM);
        assertThat(header.path("numAddressedTiles").asInt()).isEqualTo(summary.tiles());
        assertThat(header.path("minLon").asDouble()).isLessThan(lon);
        assertThat(header.path("maxLon").asDouble()).isGreaterThan(lon);
        assertThat(header.path("minLat").asDouble()).isLessThan(lat);
        assertThat(header.path("maxLat").asDouble()).isGreaterThan(lat);
        List<String> layers = new ArrayList<>();
        read.path("metadata")
                .path("vector_layers")
                .forEach(l -> layers.add(l.path("id").asString()));
        assertThat(layers).containsExactly("parcels", "zones", "projects");

        assertThat(read.path("tiles").path("0/0/0").isNull())
                .as("the world tile is in the archive")
                .isFalse();
        for (String zxy : samples) {
            byte[] served =
                    Caller.anonymous(port).get("/tiles/all/" + zxy + ".mvt").bytes();
            JsonNode archived = read.path("tiles").path(zxy);
            byte[] fromArchive = archived.isNull()
                    ? new byte[0]
                    : gunzipIfGzip(Base64.getDecoder().decode(archived.asString()));
            assertThat(fromArchive)
                    .as("tile %s of the archive and of /tiles/all", zxy)
                    .isEqualTo(gunzipIfGzip(served));
        }
        String fromArchive = text(gunzipIfGzip(
                Base64.getDecoder().decode(read.path("tiles").path(internalTile).asString(""))));
        assertThat(fromArchive).as("the archive's tile %s", internalTile).doesNotContain(code);
    }

    /** The XYZ tile at zoom {@code z} that holds the point. */
    private static String tile(int z, double lon, double lat) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return z + "/" + x + "/" + y;
    }

    private static byte[] gunzipIfGzip(byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1F || (bytes[1] & 0xFF) != 0x8B) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
