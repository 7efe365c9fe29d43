package luqiao.map.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * A streaming replica of the test PostgreSQL server, made as README "Running several instances" says: a
 * second cluster on another port from {@code pg_basebackup -R -X stream} (as the postgres OS user), started
 * with {@code pg_ctl}. The primary must accept replication connections from 127.0.0.1 (scripts/test.sh adds
 * that line to the local cluster's pg_hba.conf).
 */
public final class StreamingReplica implements AutoCloseable {

    /** Settings a hot standby must have at least as high as its primary, or it refuses to start. */
    private static final List<String> AT_LEAST_PRIMARY = List.of(
            "max_connections",
            "max_worker_processes",
            "max_wal_senders",
            "max_prepared_transactions",
            "max_locks_per_transaction");

    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;
    private boolean running;

    private StreamingReplica(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
    }

    /** Copies the primary (host, port of the maintenance URL) into a new cluster for {@code port}; not started. */
    public static StreamingReplica copyOfPrimary(int port) {
        Primary primary = Primary.fromTestSettings();
        try {
            Path home = Files.createTempDirectory("luqiao-replica");
            Commands.giveToPostgres(home);
            StreamingReplica replica = new StreamingReplica(primary.bin(), home, port);
            Commands.run(
                    Commands.asPostgres(List.of(
                            primary.bin().resolve("pg_basebackup").toString(),
                            "-h",
                            primary.host(),
                            "-p",
                            String.valueOf(primary.port()),
                            "-U",
                            PostgisTestDatabase.USER,
                            "-D",
                            replica.data.toString(),
                            "-R",
                            "-X",
                            "stream",
                            // An immediate checkpoint: the default spread one makes pg_basebackup wait minutes.
                            "-c",
                            "fast")),
                    Map.of("PGPASSWORD", PostgisTestDatabase.PASSWORD),
                    300);
            replica.configure(primary.settings(AT_LEAST_PRIMARY));
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The copy's own server settings and client rules: a Debian primary keeps postgresql.conf and pg_hba.conf
     * outside its data folder, so the copy has neither (port and socket folder are given to pg_ctl).
     */
    private void configure(Map<String, String> primarySettings) throws IOException {
        StringBuilder conf =
                new StringBuilder("listen_addresses = '127.0.0.1'\nhot_standby = on\nshared_buffers = 32MB\n");
        primarySettings.forEach(
                (name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
        Files.writeString(data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8);
        Files.writeString(
                data.resolve("pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\n",
                StandardCharsets.UTF_8);
        Commands.giveToPostgres(data);
    }

    /** {@code pg_ctl start}, waiting until it accepts (read-only) connections. */
    public void start() {
        Commands.run(
                Commands.asPostgres(List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-o",
                        "-p " + port + " -c unix_socket_directories=" + home,
                        "-l",
                        home.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "120",
                        "start")),
                Map.of(),
                150);
        running = true;
    }

    /** {@code pg_ctl stop -m fast}: the replica goes away, its clients' connections with it. */
    public void stop() {
        Commands.run(
                Commands.asPostgres(
                        List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop")),
                Map.of(),
                60);
        running = false;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), PostgisTestDatabase.USER, PostgisTestDatabase.PASSWORD);
    }

    /** True once the replica has replayed the primary's WAL up to where the primary is now. */
    public boolean caughtUp() {
        try (Connection p = DriverManager.getConnection(
                        PostgisTestDatabase.MAINTENANCE_URL, PostgisTestDatabase.USER, PostgisTestDatabase.PASSWORD);
                Statement ps = p.createStatement();
                ResultSet lsn = ps.executeQuery("SELECT pg_current_wal_lsn()::text");
                Connection r = connect("postgres");
                Statement rs = r.createStatement()) {
            lsn.next();
            try (ResultSet replayed =
                    rs.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + lsn.getString(1) + "'::pg_lsn")) {
                return replayed.next() && replayed.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    public String logTail(int lines) {
        return Commands.tail(home.resolve("server.log"), lines);
    }

    /** Stops the cluster (immediately) if it runs, and deletes it. */
    @Override
    public void close() {
        if (running) {
            try {
                Commands.run(
                        Commands.asPostgres(List.of(
                                bin.resolve("pg_ctl").toString(),
                                "-D",
                                data.toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "stop")),
                        Map.of(),
                        60);
            } catch (IllegalStateException e) {
                System.err.println("stopping the replica: " + e.getMessage());
            }
            running = false;
        }
        Commands.run(List.of("rm", "-rf", home.toString()), Map.of(), 60);
    }

    /** The test server: where it is, its programs (of its major version), and some of its settings. */
    private record Primary(String host, int port, Path bin) {

        static Primary fromTestSettings() {
            HostPort uri = HostPort.of(PostgisTestDatabase.MAINTENANCE_URL);
            try (Connection c = DriverManager.getConnection(
                            PostgisTestDatabase.MAINTENANCE_URL,
                            PostgisTestDatabase.USER,
                            PostgisTestDatabase.PASSWORD);
                    Statement s = c.createStatement();
                    ResultSet version = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
                version.next();
                Path bin = Path.of(System.getenv()
                        .getOrDefault("LUQIAO_TEST_PG_BIN", "/usr/lib/postgresql/" + version.getInt(1) + "/bin"));
                return new Primary(uri.host(), uri.port(), bin);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "The replica test needs the test PostgreSQL server: " + e.getMessage(), e);
            }
        }

        Map<String, String> settings(List<String> names) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            try (Connection c = DriverManager.getConnection(
                            PostgisTestDatabase.MAINTENANCE_URL,
                            PostgisTestDatabase.USER,
                            PostgisTestDatabase.PASSWORD);
                    Statement s = c.createStatement()) {
                for (String name : names) {
                    try (ResultSet r = s.executeQuery("SELECT current_setting('" + name + "')")) {
                        r.next();
                        values.put(name, r.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return values;
        }
    }

    /** Host and port of a {@code jdbc:postgresql://host[:port]/database} URL. */
    private record HostPort(String host, int port) {
        static HostPort of(String jdbcUrl) {
            java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
            return new HostPort(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        }
    }
}
