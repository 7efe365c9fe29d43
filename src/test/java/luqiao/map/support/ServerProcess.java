package luqiao.map.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged server ({@code target/luqiao-map.jar}) as a separate process on PostGIS, as it is deployed:
 * {@code java -jar} with settings in its environment, its output in a log file.
 */
public final class ServerProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/luqiao-map.jar");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServerProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar on a free port with the postgis profile; {@code env} holds its settings. */
    public static ServerProcess start(String name, Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR.toAbsolutePath() + " is missing: run ./mvnw verify (it packages first)");
        }
        int port = Commands.freePort();
        Path log = logDir.resolve("instance-" + name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java, "-Xmx384m", "-jar", JAR.toString(), "--spring.profiles.active=postgis", "--server.port=" + port));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return new ServerProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200; fails at once with the log when it exits. */
    public void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "instance " + name + " exited with " + process.exitValue() + ":\n" + Commands.tail(log, 60));
            }
            if (readinessStatus() == 200) {
                return;
            }
            pause(250);
        }
        throw new IllegalStateException(
                "instance " + name + " was not ready within " + within + ":\n" + Commands.tail(log, 60));
    }

    /** The HTTP status of an anonymous readiness probe; 0 when nothing answers. */
    public int readinessStatus() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public String logTail(int lines) {
        return Commands.tail(log, lines);
    }

    @Override
    public void close() {
        Commands.stop(process, 15);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
