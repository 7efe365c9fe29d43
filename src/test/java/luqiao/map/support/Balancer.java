package luqiao.map.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * nginx in front of the instances, with the site configuration the project ships ({@code deploy/nginx.conf}):
 * only its upstream servers and its {@code listen} line are replaced by the test's. It runs as a child
 * process ({@code -p} a temporary prefix, {@code -c} a generated main configuration, no daemon), so no nginx
 * service is needed. The access log names the instance ({@code $upstream_addr}) that answered each request.
 */
public final class Balancer implements AutoCloseable {

    public static final Path SITE = Path.of("deploy/nginx.conf");

    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*)server\\s+[^\\s;]+:\\d+([^;]*);\\n");
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*)listen\\s+[^;]+;\\n");

    private final Path prefix;
    private final int port;
    private final Process process;

    private Balancer(Path prefix, int port, Process process) {
        this.prefix = prefix;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx on a free port of 127.0.0.1 with the instances' ports as its upstream servers. */
    public static Balancer start(List<Integer> instancePorts) {
        try {
            Path prefix = Files.createTempDirectory("luqiao-nginx");
            // Worker processes run as nobody when nginx starts as root: they must reach their temp folders.
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
            int port = Commands.freePort();
            Files.writeString(prefix.resolve("luqiao-map.conf"), site(instancePorts, port), StandardCharsets.UTF_8);
            Files.writeString(prefix.resolve("nginx.conf"), main(prefix), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(
                            nginx(),
                            "-p",
                            prefix.toString(),
                            "-c",
                            prefix.resolve("nginx.conf").toString(),
                            "-e",
                            prefix.resolve("error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("nginx.out").toFile())
                    .start();
            Balancer balancer = new Balancer(prefix, port, process);
            balancer.awaitListening(Duration.ofSeconds(20));
            return balancer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nginx: " + e.getMessage(), e);
        }
    }

    /** deploy/nginx.conf with the test's instances as its upstream servers, listening on 127.0.0.1:port. */
    static String site(List<Integer> instancePorts, int port) throws IOException {
        String site = Files.readString(SITE, StandardCharsets.UTF_8);
        Matcher first = UPSTREAM_SERVER.matcher(site);
        if (!first.find()) {
            throw new IllegalStateException(SITE + " has no upstream server line (server host:port ...;)");
        }
        String indent = first.group(1);
        String options = first.group(2);
        String servers = instancePorts.stream()
                .map(p -> indent + "server 127.0.0.1:" + p + options + ";\n")
                .collect(Collectors.joining());
        site = site.substring(0, first.start())
                + servers
                + UPSTREAM_SERVER.matcher(site.substring(first.end())).replaceAll("");
        Matcher listen = LISTEN.matcher(site);
        if (!listen.find()) {
            throw new IllegalStateException(SITE + " has no listen line");
        }
        return listen.replaceFirst("$1listen 127.0.0.1:" + port + ";\n");
    }

    private static String main(Path prefix) {
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 256; }
                http {
                    log_format upstream '$request_method $request_uri $status $upstream_addr';
                    access_log %1$s/access.log upstream;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/luqiao-map.conf;
                }
                """
                .formatted(prefix);
    }

    private static String nginx() {
        String configured = System.getenv("LUQIAO_TEST_NGINX");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nginx";
    }

    private void awaitListening(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n"
                        + Commands.tail(prefix.resolve("nginx.out"), 20) + "\n"
                        + Commands.tail(prefix.resolve("error.log"), 20));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                ServerProcess.pause(100);
            }
        }
        throw new IllegalStateException("nginx did not listen within " + within);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The access log so far: "METHOD URI STATUS UPSTREAM" per request. */
    public List<String> accessLog() {
        try {
            return Files.readAllLines(prefix.resolve("access.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        Commands.stop(process, 10);
        Commands.run(List.of("rm", "-rf", prefix.toString()), java.util.Map.of(), 30);
    }
}
