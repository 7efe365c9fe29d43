package luqiao.map.chain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import luqiao.map.store.chain.ChainStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes the shipped stage history ({@code gis-data/project-chain.json}) into the chain tables. Only
 * projects that exist and stand at the stage their history ends in get it: a database whose projects
 * were moved or removed since the data set was loaded keeps what it has.
 */
@Component
public class ShippedHistory {

    private final ChainStore chain;

    ShippedHistory(ChainStore chain) {
        this.chain = chain;
    }

    /** Loads the history (the file's root object); the number of events written. Runs in the caller's transaction. */
    public int load(JsonNode file) {
        Map<String, String> stages = chain.unchainedStages();
        List<ChainStore.SeedEvent> events = new ArrayList<>();
        List<ChainStore.SeedPlan> plans = new ArrayList<>();
        List<ChainStore.SeedLand> land = new ArrayList<>();
        for (JsonNode project : file.path("projects")) {
            String code = project.path("code").asString();
            JsonNode history = project.path("events");
            String last = history.get(history.size() - 1).path("to").asString();
            if (!last.equals(stages.get(code))) {
                continue;
            }
            for (JsonNode e : history) {
                events.add(new ChainStore.SeedEvent(
                        code,
                        e.path("from").isNull() ? null : e.path("from").asString(),
                        e.path("to").asString(),
                        LocalDate.parse(e.path("date").asString()),
                        e.path("note").asString()));
            }
            project.path("plans")
                    .properties()
                    .forEach(p -> plans.add(new ChainStore.SeedPlan(
                            code, p.getKey(), LocalDate.parse(p.getValue().asString()))));
            if (!project.path("land_acquired_on").isNull()) {
                land.add(new ChainStore.SeedLand(
                        code, LocalDate.parse(project.path("land_acquired_on").asString())));
            }
        }
        chain.insertSeed(events, plans, land);
        return events.size();
    }
}
