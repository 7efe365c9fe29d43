package luqiao.map.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real streaming replica of the test PostgreSQL server, as the README's replica set-up makes one:
 * {@code pg_basebackup -R -X stream} into a folder of its own, then a second server on a free port that follows
 * the primary (hot standby). Databases created on the primary afterwards appear on it too.
 *
 * <p>Needs PostgreSQL 15's programs ({@code LUQIAO_TEST_PG_BIN}, default /usr/lib/postgresql/15/bin) and a
 * primary that accepts replication connections from 127.0.0.1 (Debian's default pg_hba.conf does). The server
 * runs as the {@code postgres} OS user when the tests run as root. Like the other database tests, it fails
 * rather than skips when it cannot be made.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final Path BIN =
            Path.of(System.getenv().getOrDefault("LUQIAO_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path folder;
    private final int port;

    private StreamingReplica(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Copies the primary and starts the replica; it is streaming when this returns. */
    public static StreamingReplica start() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "luqiao-replica" + PostgisTestDatabase.SUFFIX);
        try {
            delete(folder);
            Files.createDirectories(folder.getParent());
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            String primaryHost =
                    PostgisTestDatabase.MAINTENANCE_URL.replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
            String primaryPort = PostgisTestDatabase.MAINTENANCE_URL.matches("^jdbc:postgresql://[^:/]+:(\\d+)/.*$")
                    ? PostgisTestDatabase.MAINTENANCE_URL.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1")
                    : "5432";
            run(List.of(
                    BIN.resolve("pg_basebackup").toString(),
                    "-h",
                    primaryHost,
                    "-p",
                    primaryPort,
                    "-U",
                    PostgisTestDatabase.USER,
                    "-D",
                    folder.toString(),
                    "-R",
                    "-X",
                    "stream",
                    "-c",
                    "fast"));
            // Debian keeps the configuration outside the data folder: the replica gets its own.
            write(
                    folder.resolve("postgresql.conf"),
                    String.join(
                            "\n",
                            "port = " + port,
                            "listen_addresses = '127.0.0.1'",
                            "unix_socket_directories = '" + folder + "'",
                            "hot_standby = on",
                            "max_connections = 100",
                            "shared_buffers = 16MB",
                            "fsync = off",
                            ""));
            write(folder.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
            StreamingReplica replica = new StreamingReplica(folder, port);
            replica.resume();
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make a streaming replica in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of {@code database} (as named in the primary's URL) on the replica. */
    public String url(String primaryUrl) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + primaryUrl.substring(primaryUrl.lastIndexOf('/') + 1);
    }

    /** Stops the replica (fast: its sessions end at once), as an outage would. */
    public void stop() {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", folder.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the stopped replica again; it catches up with the primary by itself. */
    public void resume() {
        run(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                folder.toString(),
                "-l",
                folder.resolve("log").toString(),
                "-w",
                "start"));
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                delete(folder);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file the server's user can read (the folder belongs to it). */
    private static void write(Path file, String text) throws IOException {
        Path staged = Files.createTempFile("luqiao-replica", ".conf");
        Files.writeString(staged, text);
        staged.toFile().setReadable(true, false);
        run(List.of("cp", staged.toString(), file.toString()));
        Files.delete(staged);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
