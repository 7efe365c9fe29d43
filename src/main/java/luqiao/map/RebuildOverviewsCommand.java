package luqiao.map;

import java.util.ArrayList;
import java.util.List;
import luqiao.map.store.overviews.OverviewStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar luqiao-map.jar rebuild-overviews [--spring.*=...] [--luqiao.*=...]}: builds the parcels' zoom
 * overviews anew from the parcels ({@link OverviewStore#rebuild}), their levels derived from the parcels' sizes now.
 * Writes keep the overviews current by themselves; this is for after the parcels were changed behind the server's
 * back (SQL, COPY) or a change of {@code luqiao.tiles.min-area-pixels}. Runs without the web server, like
 * {@link ExportPmtilesCommand}, and may run while servers are up: the rebuild is one transaction, and their tile
 * caches drop the parcels' tiles when it commits.
 */
final class RebuildOverviewsCommand {

    static final String NAME = "rebuild-overviews";
    private static final String USAGE = "usage: " + NAME + " [--spring.*=...] [--luqiao.*=...]";

    private RebuildOverviewsCommand() {}

    /** Runs the command ({@code args} without its name); the process exit code. */
    static int run(String[] args) {
        List<String> passedOn = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--spring.") && !arg.startsWith("--luqiao.")) {
                System.err.println(NAME + ": unexpected argument '" + arg + "'\n" + USAGE);
                return 2;
            }
            passedOn.add(arg);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MapApplication.class)
                .web(WebApplicationType.NONE)
                .run(passedOn.toArray(String[]::new))) {
            OverviewStore overviews = context.getBean(OverviewStore.class);
            // Missing overviews were built as the context started: building them again would only repeat it.
            OverviewStore.Rebuilt rebuilt = overviews.builtAtStart().orElseGet(overviews::rebuild);
            System.out.println("rebuilt the overviews of parcels: "
                    + rebuilt.levels()
                            .map(l -> "zooms " + l.minZoom() + ".." + l.maxZoom())
                            .orElse("no levels (overviews off, or no parcels small enough)")
                    + ", " + rebuilt.rows() + " rows in " + rebuilt.millis() + " ms");
        }
        return 0;
    }
}
