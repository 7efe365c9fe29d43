package luqiao.map.gisdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import luqiao.map.chain.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the shipped stage history ({@code gis-data/project-chain.json}) against the projects it
 * belongs to: one history per project, moves the chain allows, in date order, ending at the project's
 * current stage, with 开工 and 竣工 on the project's actual dates. Plain JUnit, no Spring.
 */
class ShippedChainHistoryTest {

    private static final Path DIR = Path.of("gis-data");

    private static Map<String, JsonNode> projects;
    private static JsonNode history;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper om = new ObjectMapper();
        projects = new HashMap<>();
        om.readTree(DIR.resolve("projects.geojson").toFile())
                .get("features")
                .forEach(f -> projects.put(f.get("properties").get("code").asString(), f.get("properties")));
        history = om.readTree(DIR.resolve("project-chain.json").toFile()).get("projects");
    }

    @Test
    void everyProjectHasOneHistoryEndingAtItsStage() {
        Set<String> seen = new HashSet<>();
        for (JsonNode h : history) {
            String code = h.get("code").asString();
            assertThat(seen.add(code)).as("%s has one history", code).isTrue();
            JsonNode p = projects.get(code);
            assertThat(p).as("%s is a shipped project", code).isNotNull();
            JsonNode events = h.get("events");
            assertThat(events.get(0).get("from").isNull()).as(code).isTrue();
            assertThat(events.get(0).get("to").asString())
                    .as("%s starts at 谋划", code)
                    .isEqualTo("谋划");
            LocalDate previous = LocalDate.MIN;
            Stage at = null;
            Map<Stage, LocalDate> on = new HashMap<>();
            for (JsonNode e : events) {
                Stage to = Stage.of(e.get("to").asString()).orElseThrow();
                LocalDate date = LocalDate.parse(e.get("date").asString());
                if (at != null) {
                    assertThat(Stage.of(e.get("from").asString()))
                            .as("%s event from", code)
                            .contains(at);
                    assertThat(at.forward())
                            .as("%s: %s → %s is a move of the chain", code, at, to)
                            .contains(to);
                }
                assertThat(date).as("%s events in date order", code).isAfterOrEqualTo(previous);
                assertThat(date)
                        .as("%s: no event after the data set's last day", code)
                        .isBeforeOrEqualTo(ChainHistoryGenerator.CUTOFF);
                assertThat(e.get("note").asString()).as(code).isNotBlank();
                on.put(to, date);
                previous = date;
                at = to;
            }
            assertThat(at.label())
                    .as("%s ends at its stage", code)
                    .isEqualTo(p.get("stage").asString());
            assertThat(date(p, "actual_start"))
                    .as("%s: 开工 on actual_start", code)
                    .isEqualTo(on.get(Stage.STARTED));
            assertThat(date(p, "actual_finish"))
                    .as("%s: 竣工 on actual_finish", code)
                    .isEqualTo(on.get(Stage.COMPLETED));
            h.get("plans").properties().forEach(plan -> assertThat(plan.getKey())
                    .as("%s plans only the stages without a project column", code)
                    .isIn("前期", "招引"));
            if (!h.get("land_acquired_on").isNull()) {
                LocalDate land = LocalDate.parse(h.get("land_acquired_on").asString());
                assertThat(p.get("category").asString()).as(code).isEqualTo("产业转型");
                assertThat(land).as("%s: land before the start", code).isBeforeOrEqualTo(on.get(Stage.STARTED));
            }
        }
        assertThat(seen).as("every shipped project has a history").isEqualTo(projects.keySet());
    }

    @Test
    void theHistoryShowsEveryKindOfPath() {
        int skipped = 0;
        int viaAttraction = 0;
        int landOnStartDay = 0;
        for (JsonNode h : history) {
            String path = h.get("events").toString();
            if (path.contains("\"from\":\"前期\",\"to\":\"开工\"")) {
                skipped++;
            }
            if (path.contains("\"to\":\"招引\"")) {
                viaAttraction++;
            }
            JsonNode start = h.get("events")
                    .valueStream()
                    .filter(e -> e.get("to").asString().equals("开工"))
                    .findFirst()
                    .orElse(null);
            if (start != null
                    && start.get("date")
                            .asString()
                            .equals(h.get("land_acquired_on").asString())) {
                landOnStartDay++;
            }
        }
        assertThat(skipped).as("projects that skipped 招引").isGreaterThan(5);
        assertThat(viaAttraction).as("projects that went through 招引").isGreaterThan(5);
        assertThat(landOnStartDay).as("拿地即开工 cases").isPositive();
    }

    @Test
    void theFileIsWhatTheGeneratorWrites() throws IOException {
        assertThat(ChainHistoryGenerator.generate(DIR.resolve("projects.geojson")))
                .isEqualTo(Files.readString(DIR.resolve("project-chain.json"), StandardCharsets.UTF_8));
    }

    private static LocalDate date(JsonNode p, String name) {
        JsonNode v = p.get(name);
        return v == null || v.isNull() ? null : LocalDate.parse(v.asString());
    }
}
