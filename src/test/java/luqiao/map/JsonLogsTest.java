package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code LUQIAO_LOG_FORMAT=ecs} as an operator sets it: the server, started as its own process, writes one JSON
 * object a line, and the effective configuration is one such record with its secrets redacted.
 */
class JsonLogsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theServerLogsJsonLinesWhenAskedAndRedactsTheConfiguration() throws Exception {
        String dataDir = Path.of("target/test-data", "json-logs-" + UUID.randomUUID())
                .toAbsolutePath()
                .toString();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MapApplication.class.getName(),
                        "--server.port=0",
                        "--luqiao.data-dir=" + dataDir,
                        "--luqiao.seed.enabled=false",
                        "--luqiao.metrics.token=json-logs-token-0123456789abcdefghijkl")
                .redirectErrorStream(true);
        builder.environment().put("LUQIAO_LOG_FORMAT", "ecs");
        Process server = builder.start();
        List<String> seen = new ArrayList<>();
        JsonNode configuration = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            String line;
            while (configuration == null && Instant.now().isBefore(deadline) && (line = out.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("{")) {
                    JsonNode record = JSON.readTree(line);
                    if (record.path("message").asString().startsWith("Effective configuration")) {
                        configuration = record;
                    }
                }
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
        assertThat(configuration)
                .as("a JSON record of the configuration among %s", seen)
                .isNotNull();
        assertThat(configuration.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(configuration.path("message").asString())
                .contains("luqiao.metrics.token = ******")
                .doesNotContain("json-logs-token");
        assertThat(seen.stream().filter(l -> !l.isBlank()))
                .as("every line a JSON object")
                .allSatisfy(l -> assertThat(l).startsWith("{"));
    }
}
