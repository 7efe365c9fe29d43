package luqiao.map.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PMTiles archive as the reference reader (npm {@code pmtiles}) sees it, through
 * {@code src/test/resources/pmtiles/read-pmtiles.mjs}: {@code header}, {@code metadata}, and {@code tiles}, each
 * asked {@code z/x/y} to the base64 of its decompressed bytes, or null when the archive has no such tile.
 */
public final class PmtilesReader {

    private PmtilesReader() {}

    public static JsonNode read(Path archive, List<String> tiles) throws IOException {
        Path npm = NpmPackages.installed(NpmPackages.PMTILES).getParent().getParent();
        // Next to node_modules, so that the script's import of "pmtiles" resolves.
        Path script = npm.resolve("read-pmtiles.mjs");
        try (InputStream in = PmtilesReader.class.getResourceAsStream("/pmtiles/read-pmtiles.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(
                List.of("node", script.toString(), archive.toAbsolutePath().toString()));
        command.addAll(tiles);
        NpmPackages.Run run = NpmPackages.run(npm, command);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return JsonMapper.builder().build().readTree(run.output());
    }
}
