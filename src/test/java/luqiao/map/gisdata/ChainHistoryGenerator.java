package luqiao.map.gisdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import luqiao.map.chain.Stage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes {@code gis-data/project-chain.json}: a synthetic stage history for every shipped project (its
 * events from 谋划 up to its current stage, planned dates of 前期 and 招引, and for industry projects the
 * day the land was acquired), consistent with the dates in {@code projects.geojson}.
 *
 * <p>Usage, after the classpath step of {@link GisDataGenerator}:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" luqiao.map.gisdata.ChainHistoryGenerator gis-data}
 *
 * <p>Rules: 开工 happened on {@code actual_start}, 竣工 on {@code actual_finish}; industry projects
 * (产业转型) pass through 招引 and buy their land, the district's own works skip 招引; every event lies on or
 * before {@link #CUTOFF}, the last day the data set knows of. Deterministic (one seed).
 */
public final class ChainHistoryGenerator {

    /** No actual date of the shipped projects falls after this day (gis-data/README.md). */
    static final LocalDate CUTOFF = LocalDate.of(2024, 10, 31);

    private static final Map<Stage, String> NOTES = Map.of(
            Stage.CONCEIVED, "列入项目谋划清单",
            Stage.PREPARATORY, "入库，开展前期工作",
            Stage.ATTRACTED, "签约落地",
            Stage.STARTED, "开工建设",
            Stage.COMPLETED, "竣工验收");

    private ChainHistoryGenerator() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "gis-data");
        Files.writeString(
                dir.resolve("project-chain.json"), generate(dir.resolve("projects.geojson")), StandardCharsets.UTF_8);
    }

    /** The file's text from the projects file. */
    static String generate(Path projectsFile) throws IOException {
        Random random = new Random(GisDataGenerator.SEED + 7);
        StringBuilder out = new StringBuilder("{\"projects\": [\n");
        JsonNode features = new ObjectMapper().readTree(projectsFile.toFile()).get("features");
        for (int i = 0; i < features.size(); i++) {
            out.append(project(features.get(i).get("properties"), random))
                    .append(i + 1 < features.size() ? ",\n" : "\n");
        }
        return out.append("]}\n").toString();
    }

    private static String project(JsonNode p, Random random) {
        Stage stage = Stage.of(p.get("stage").asString()).orElseThrow();
        boolean industry = p.get("category").asString().equals("产业转型");
        LocalDate plannedStart = date(p, "planned_start");
        LocalDate actualStart = date(p, "actual_start");
        Map<Stage, LocalDate> reached = new LinkedHashMap<>();
        Map<Stage, LocalDate> planned = new LinkedHashMap<>();
        LocalDate land = null;
        boolean viaAttraction = industry || stage == Stage.ATTRACTED;
        // Walk back from the latest known date: each earlier stage some months before the next.
        LocalDate next;
        if (stage == Stage.STARTED || stage == Stage.COMPLETED) {
            next = actualStart;
            if (industry) {
                land = random.nextInt(10) < 4 ? actualStart : actualStart.minusDays(1 + random.nextInt(90));
            }
        } else if (stage == Stage.CONCEIVED) {
            next = CUTOFF.minusDays(random.nextInt(300));
        } else {
            LocalDate latest = plannedStart.minusDays(stage == Stage.ATTRACTED ? 60 : 180);
            next = (latest.isBefore(CUTOFF) ? latest : CUTOFF)
                    .minusDays(random.nextInt(stage == Stage.ATTRACTED ? 180 : 200));
        }
        if (stage.ordinal() >= Stage.ATTRACTED.ordinal() && viaAttraction) {
            LocalDate attracted = stage == Stage.ATTRACTED ? next : next.minusDays(30 + random.nextInt(120));
            reached.put(Stage.ATTRACTED, attracted);
            next = attracted;
        }
        if (stage.ordinal() >= Stage.PREPARATORY.ordinal()) {
            LocalDate prep = stage == Stage.PREPARATORY ? next : next.minusDays(90 + random.nextInt(210));
            reached.put(Stage.PREPARATORY, prep);
            next = prep;
        }
        LocalDate conceived = stage == Stage.CONCEIVED ? next : next.minusDays(60 + random.nextInt(180));
        reached.put(Stage.CONCEIVED, conceived);
        if (stage.ordinal() >= Stage.STARTED.ordinal()) {
            reached.put(Stage.STARTED, actualStart);
        }
        if (stage == Stage.COMPLETED) {
            reached.put(Stage.COMPLETED, date(p, "actual_finish"));
        }
        // Plans: near what happened for the stages reached; ahead (possibly past by now) for the next one.
        if (reached.containsKey(Stage.PREPARATORY)) {
            planned.put(Stage.PREPARATORY, reached.get(Stage.PREPARATORY).plusDays(random.nextInt(76) - 30));
        } else {
            planned.put(Stage.PREPARATORY, conceived.plusDays(120 + random.nextInt(280)));
        }
        if (reached.containsKey(Stage.ATTRACTED)) {
            planned.put(Stage.ATTRACTED, reached.get(Stage.ATTRACTED).plusDays(random.nextInt(101) - 40));
        } else if (stage == Stage.PREPARATORY && industry) {
            planned.put(Stage.ATTRACTED, plannedStart.minusDays(60 + random.nextInt(90)));
        }

        List<String> events = new ArrayList<>();
        Stage from = null;
        for (Stage s : Stage.values()) {
            if (reached.containsKey(s)) {
                events.add("{\"from\": " + quote(from == null ? null : from.label()) + ", \"to\": " + quote(s.label())
                        + ", \"date\": " + quote(reached.get(s).toString()) + ", \"note\": " + quote(NOTES.get(s))
                        + "}");
                from = s;
            }
        }
        List<String> plans = new ArrayList<>();
        planned.forEach((s, d) -> plans.add(quote(s.label()) + ": " + quote(d.toString())));
        return "  {\"code\": " + quote(p.get("code").asString()) + ", \"land_acquired_on\": "
                + quote(land == null ? null : land.toString()) + ", \"plans\": {" + String.join(", ", plans)
                + "},\n   \"events\": [" + String.join(", ", events) + "]}";
    }

    private static LocalDate date(JsonNode p, String name) {
        JsonNode v = p.get(name);
        return v == null || v.isNull() ? null : LocalDate.parse(v.asString());
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
