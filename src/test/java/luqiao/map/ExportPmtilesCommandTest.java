package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import luqiao.map.support.PmtilesReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code export-pmtiles} as an operator runs it: the application starts without its web server on a new
 * embedded database, writes the archive and answers exit code 0; wrong arguments are 2, before anything starts.
 */
class ExportPmtilesCommandTest {

    @Test
    void writesOneLayerOverTheAskedZooms() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "pmtiles"))
                .resolve("command-" + UUID.randomUUID() + ".pmtiles");
        String dataDir = Path.of("target/test-data", "h2gis-" + UUID.randomUUID())
                .toAbsolutePath()
                .toString();

        int exit = ExportPmtilesCommand.run(new String[] {
            "--layers", "zones", "--minzoom", "8", "--maxzoom", "11", "--luqiao.data-dir=" + dataDir, out.toString()
        });

        assertThat(exit).isZero();
        JsonNode read = PmtilesReader.read(out, List.of());
        assertThat(read.path("header").path("minZoom").asInt()).isEqualTo(8);
        assertThat(read.path("header").path("maxZoom").asInt()).isEqualTo(11);
        assertThat(read.path("header").path("numAddressedTiles").asInt()).isPositive();
        List<String> layers = new ArrayList<>();
        read.path("metadata")
                .path("vector_layers")
                .forEach(l -> layers.add(l.path("id").asString()));
        assertThat(layers).containsExactly("zones");
    }

    @Test
    void wrongArgumentsAreExitCodeTwo() {
        assertThat(ExportPmtilesCommand.run(new String[] {"--layers", "zones"}))
                .as("no output file")
                .isEqualTo(2);
        assertThat(ExportPmtilesCommand.run(new String[] {"--layers", "zones,parcels", "out.pmtiles"}))
                .as("two of three layers")
                .isEqualTo(2);
        assertThat(ExportPmtilesCommand.run(new String[] {"--maxzoom", "many", "out.pmtiles"}))
                .as("a zoom that is no number")
                .isEqualTo(2);
        assertThat(ExportPmtilesCommand.run(new String[] {"--port", "80", "out.pmtiles"}))
                .as("an unknown option")
                .isEqualTo(2);
    }
}
