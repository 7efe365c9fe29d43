package luqiao.map.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local TCP ports of a process's sockets (Linux, from /proc), to tell which process holds a database
 * connection: {@code pg_stat_activity.client_port} is the client's local port.
 */
public final class LocalSockets {

    private LocalSockets() {}

    public static Set<Integer> tcpPorts(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listed
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the sockets of process " + pid + ": " + e.getMessage(), e);
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
                    if (f.length > 9 && inodes.contains(f[9])) {
                        String local = f[1];
                        ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException e) {
                // no IPv6 table on this host
            }
        }
        return ports;
    }
}
