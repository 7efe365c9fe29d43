package luqiao.map;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
// Periodic clean-ups (sessions, sign-in failures), each run on one instance at a time (store.cluster.ClusterLock).
@EnableScheduling
public class MapApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ExportPmtilesCommand.NAME)) {
            System.exit(ExportPmtilesCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals(RebuildOverviewsCommand.NAME)) {
            System.exit(RebuildOverviewsCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(MapApplication.class, args);
    }
}
