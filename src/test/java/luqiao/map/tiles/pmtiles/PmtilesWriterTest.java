package luqiao.map.tiles.pmtiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import luqiao.map.support.PmtilesReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The writer's archive as the reference reader (npm {@code pmtiles}) sees it, with more tiles than a root
 * directory can hold (so leaf directories), tiles repeated far apart (stored once) and runs of equal tiles.
 */
class PmtilesWriterTest {

    @Test
    void theReferenceReaderFindsEveryKindOfTile() throws IOException {
        PmtilesWriter writer = new PmtilesWriter();
        Random random = new Random(14);
        List<String> distinct = new ArrayList<>();
        // Sparse tiles of zoom 14 with contents of varied length: a directory that compresses poorly.
        for (int i = 0; i < 30_000; i++) {
            int x = random.nextInt(1 << 14);
            int y = random.nextInt(1 << 14);
            String zxy = "14/" + x + "/" + y;
            writer.add(14, x, y, gzip(zxy + "#".repeat(random.nextInt(40))));
            if (i % 3000 == 0) {
                distinct.add(zxy);
            }
        }
        // A run of one content (all of zoom 2) and the same content again at zoom 0.
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) {
                writer.add(2, x, y, gzip("ocean"));
            }
        }
        writer.add(0, 0, 0, gzip("ocean"));
        Path file = Files.createDirectories(Path.of("target", "pmtiles")).resolve("writer-test.pmtiles");
        writer.write(file, 0, 14, new double[] {121.2, 28.4, 121.7, 28.7}, new double[] {121.45, 28.55}, 12, "{}");

        List<String> asked = new ArrayList<>(distinct);
        asked.addAll(List.of("0/0/0", "2/0/0", "2/3/1", "1/0/0"));
        JsonNode read = PmtilesReader.read(file, asked);
        JsonNode header = read.path("header");
        assertThat(header.path("leafDirectoryLength").asLong())
                .as("leaf directories")
                .isPositive();
        assertThat(header.path("numAddressedTiles").asLong()).isEqualTo(writer.tileCount());
        assertThat(header.path("numTileContents").asLong()).isLessThan(writer.tileCount());
        assertThat(header.path("minLon").asDouble()).isEqualTo(121.2);
        assertThat(header.path("centerZoom").asInt()).isEqualTo(12);
        for (String zxy : distinct) {
            assertThat(tile(read, zxy)).startsWith(zxy);
        }
        assertThat(tile(read, "0/0/0")).isEqualTo("ocean");
        assertThat(tile(read, "2/0/0")).isEqualTo("ocean");
        assertThat(tile(read, "2/3/1")).isEqualTo("ocean");
        assertThat(read.path("tiles").path("1/0/0").isNull())
                .as("a tile never added")
                .isTrue();
    }

    private static String tile(JsonNode read, String zxy) {
        JsonNode tile = read.path("tiles").path(zxy);
        assertThat(tile.isString()).as("tile %s is in the archive", zxy).isTrue();
        return new String(Base64.getDecoder().decode(tile.asString()), StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
