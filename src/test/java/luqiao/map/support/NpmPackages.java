package luqiao.map.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The npm packages some tests run, at pinned versions: MapLibre's style validator, MapLibre GL JS and the
 * PMTiles reader, which only the tests use (the product's web map is Leaflet). npm installs them from its registry into
 * {@code target/npm} on first use; later runs reuse them. Without node and npm these tests fail, never skip:
 * {@code scripts/test.sh} installs both.
 */
public final class NpmPackages {

    public static final String STYLE_SPEC = "@maplibre/maplibre-gl-style-spec";
    public static final String MAPLIBRE = "maplibre-gl";
    public static final String PMTILES = "pmtiles";
    private static final Map<String, String> PINNED =
            Map.of(STYLE_SPEC, "26.11.0", MAPLIBRE, "6.20.0", PMTILES, "4.5.0");
    private static final Path ROOT = Path.of("target", "npm").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NpmPackages() {}

    /** The folder of one of the pinned packages, installed first if it (or another pinned one) is missing. */
    public static synchronized Path installed(String name) {
        if (!PINNED.keySet().stream().allMatch(NpmPackages::isInstalled)) {
            install();
        }
        return folder(name);
    }

    /** Runs a program with the arguments in {@code workDir}; its exit code and its output (with errors). */
    public static Run run(Path workDir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("still running after 10 minutes: " + command);
            }
            return new Run(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run " + command.get(0) + " (install node and npm, as scripts/test.sh does): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record Run(int exitCode, String output) {}

    private static void install() {
        try {
            Files.createDirectories(ROOT);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("name", "luqiao-test-tools");
            manifest.put("private", true);
            manifest.put("dependencies", PINNED);
            Files.writeString(ROOT.resolve("package.json"), JSON.writeValueAsString(manifest));
        } catch (IOException e) {
            throw new AssertionError("cannot write " + ROOT.resolve("package.json"), e);
        }
        Run npm = installWithRetries();
        PINNED.keySet().forEach(name -> {
            if (!isInstalled(name)) {
                throw new AssertionError(
                        "npm install left " + name + "@" + PINNED.get(name) + " missing:\n" + npm.output());
            }
        });
    }

    /**
     * The public registry answers 503 now and then for minutes (seen in a CI run); npm's own retries span about a
     * minute, so a failed install is tried again a few times, up to about 8 minutes in all, before the test fails.
     */
    private static Run installWithRetries() {
        Run npm = null;
        for (int attempt = 1; attempt <= 4; attempt++) {
            npm = run(
                    ROOT,
                    List.of(
                            "npm",
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--loglevel=error",
                            "--fetch-retries=4",
                            "--fetch-retry-maxtimeout=60000"));
            if (npm.exitCode() == 0) {
                return npm;
            }
            pause(Duration.ofSeconds(30L * attempt));
        }
        throw new AssertionError("npm install in " + ROOT + " failed 4 times; the last time:\n" + npm.output());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean isInstalled(String name) {
        Path manifest = folder(name).resolve("package.json");
        return Files.isRegularFile(manifest)
                && PINNED.get(name)
                        .equals(JSON.readTree(manifest.toFile()).path("version").asString());
    }

    private static Path folder(String name) {
        return ROOT.resolve("node_modules").resolve(name);
    }
}
