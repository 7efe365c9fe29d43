package luqiao.map.chain;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes the shipped stage history ({@code gis-data/project-chain.json}) into the chain tables. Only
 * projects that exist and stand at the stage their history ends in get it: a database whose projects
 * were moved or removed since the data set was loaded keeps what it has.
 */
@Component
public class ShippedHistory {

    private final JdbcTemplate jdbc;
    private final ChainStore chain;

    ShippedHistory(JdbcTemplate jdbc, ChainStore chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    /** Loads the history (the file's root object); the number of events written. Runs in the caller's transaction. */
    public int load(JsonNode file) {
        Map<String, String> stages = new HashMap<>();
        jdbc.query("SELECT code, stage FROM projects WHERE deleted_at IS NULL AND code NOT IN"
                + " (SELECT project_code FROM project_stage_events)", rs -> {
            stages.put(rs.getString(1), rs.getString(2));
        });
        List<Object[]> events = new ArrayList<>();
        List<Object[]> plans = new ArrayList<>();
        List<Object[]> land = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (JsonNode project : file.path("projects")) {
            String code = project.path("code").asString();
            JsonNode history = project.path("events");
            String last = history.get(history.size() - 1).path("to").asString();
            if (!last.equals(stages.get(code))) {
                continue;
            }
            for (JsonNode e : history) {
                events.add(new Object[] {code, e.path("from").isNull() ? null : e.path("from").asString(), e.path("to").asString(),
                        Date.valueOf(LocalDate.parse(e.path("date").asString())), null, e.path("note").asString(), now});
            }
            project.path("plans").properties().forEach(p ->
                    plans.add(new Object[] {code, p.getKey(), Date.valueOf(LocalDate.parse(p.getValue().asString()))}));
            if (!project.path("land_acquired_on").isNull()) {
                land.add(new Object[] {Date.valueOf(LocalDate.parse(project.path("land_acquired_on").asString())), code});
            }
        }
        chain.insertSeed(events, plans, land);
        return events.size();
    }
}
