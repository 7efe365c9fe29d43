package luqiao.map.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * QGIS 3.22 as a client, through PyQGIS (Debian's {@code python3-qgis} and {@code qgis-providers}): runs
 * {@code src/test/resources/qgis/oapif_layers.py} with a plan (service URL, credential, layers, what to
 * render) in a headless QGIS of its own ({@code QT_QPA_PLATFORM=offscreen}, a new home, settings and
 * authentication database per run under {@code target/qgis-runs/}, so nothing is cached from one run to the
 * next) and returns its report.
 *
 * <p>The interpreter is {@code LUQIAO_TEST_PYTHON}, by default {@code /usr/bin/python3}: Debian installs
 * the bindings for its own Python, which another {@code python3} first on the PATH (pyenv, a venv) cannot
 * import.
 */
public final class PyQgis {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARK = "RESULT ";

    private PyQgis() {}

    /** Runs the plan (see the script's header) and returns what QGIS reported. */
    public static JsonNode run(Map<String, Object> plan) throws IOException, InterruptedException {
        // Under target/, which the build cleans; private, as Qt wants its runtime directory.
        Path home = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "qgis-runs")),
                "run-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path script = home.resolve("oapif_layers.py");
        try (InputStream in = PyQgis.class.getResourceAsStream("/qgis/oapif_layers.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path log = home.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(python(), script.toString(), JSON.writeValueAsString(plan))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QT_QPA_PLATFORM", "offscreen");
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", home.toString());
        env.put("QGIS_AUTH_DB_DIR_PATH", home.toString());
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("PyQGIS finishes: %s", output).isTrue();
        assertThat(process.exitValue()).as("PyQGIS: %s", output).isZero();
        String result = output.lines()
                .filter(l -> l.startsWith(MARK))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("PyQGIS reported nothing: " + output));
        return JSON.readTree(result.substring(MARK.length()));
    }

    private static String python() {
        String configured = System.getenv("LUQIAO_TEST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
