package luqiao.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import luqiao.map.tiles.PmtilesExport;
import luqiao.map.tiles.TileSet;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar luqiao-map.jar export-pmtiles [--layers zones,projects,parcels] [--minzoom 0] [--maxzoom 16]
 * out.pmtiles}: the public tiles as a PMTiles archive ({@link PmtilesExport}). The application starts without
 * its web server, reads the configured database, writes the file and exits; {@code --spring.*} and
 * {@code --luqiao.*} options are passed on to the application (e.g. {@code --spring.profiles.active=postgis}).
 */
final class ExportPmtilesCommand {

    static final String NAME = "export-pmtiles";
    private static final String USAGE = "usage: " + NAME
            + " [--layers zones,projects,parcels] [--minzoom 0] [--maxzoom 16] [--spring.*=...] out.pmtiles";

    private ExportPmtilesCommand() {}

    /** Runs the command ({@code args} without its name); the process exit code. */
    static int run(String[] args) {
        List<String> layers = List.of("zones", "projects", "parcels");
        int minZoom = 0;
        int maxZoom = 16;
        Path out = null;
        List<String> passedOn = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--layers" -> layers = Arrays.asList(value(args, ++i).split(","));
                    case "--minzoom" -> minZoom = Integer.parseInt(value(args, ++i));
                    case "--maxzoom" -> maxZoom = Integer.parseInt(value(args, ++i));
                    default -> {
                        if (arg.startsWith("--spring.") || arg.startsWith("--luqiao.")) {
                            passedOn.add(arg);
                        } else if (arg.startsWith("-") || out != null) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        } else {
                            out = Path.of(arg);
                        }
                    }
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("the output file is missing");
            }
            TileSet set = PmtilesExport.set(layers);
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MapApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(passedOn.toArray(String[]::new))) {
                PmtilesExport.Summary summary =
                        context.getBean(PmtilesExport.class).export(set, minZoom, maxZoom, out);
                System.out.println("wrote " + summary.tiles() + " tiles of " + set.id() + " (zooms " + minZoom + ".."
                        + maxZoom + ") to " + summary.file().toAbsolutePath());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(NAME + ": " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
