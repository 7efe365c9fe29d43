package luqiao.map.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs programs for the real-process tests: to their end, with their output in the failure message. */
public final class Commands {

    /** The OS user PostgreSQL's own programs run as when the tests run as root (CI). */
    public static final String POSTGRES_USER = "postgres";

    private Commands() {}

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command as the {@code postgres} OS user when running as root (initdb and postgres refuse root). */
    public static List<String> asPostgres(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", POSTGRES_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code path} (recursively) to the postgres OS user when running as root; else nothing to do. */
    public static void giveToPostgres(Path path) {
        if (runningAsRoot()) {
            run(List.of("chown", "-R", POSTGRES_USER + ":", path.toString()), Map.of(), 30);
        }
    }

    /** Runs the command to its end within {@code seconds}; its output (stdout and stderr), or an error with it. */
    public static String run(List<String> command, Map<String, String> env, int seconds) {
        try {
            Path output = Files.createTempFile("luqiao-command", ".out");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("did not end within " + seconds + " s: " + command + "\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            "exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops a started process: asked first (SIGTERM), killed when it has not ended after {@code seconds}. */
    public static void stop(Process process, int seconds) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of a log file, for failure messages. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log " + file + ": " + e.getMessage() + ")";
        }
    }

    /** A TCP port on 127.0.0.1 that is free now. */
    public static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
