package luqiao.map.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat's connector as {@link ServerSettings} says; Spring Boot's own {@code server.tomcat.*} has no key for these. */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    @Bean
    TomcatConnectorCustomizer socketWriteBuffer(ServerSettings settings) {
        return connector -> connector.setProperty(
                "socket.appWriteBufSize",
                Long.toString(settings.socketWriteBuffer().toBytes()));
    }

    /**
     * Direct socket buffers: Tomcat copies every body into its socket write buffer, and from a heap buffer the JDK
     * copies it once more, into a direct one, before the system call; a direct buffer is written as it is. The two
     * copies were 14 % of the server's CPU per cached tile, the second about 4 % (perf, bench/run.sh's warm tiles). The
     * same size per connection ({@code luqiao.server.socket-write-buffer} and Tomcat's 8 KB read buffer), outside the
     * heap.
     */
    @Bean
    TomcatConnectorCustomizer directSocketBuffers() {
        return connector -> connector.setProperty("socket.directBuffer", "true");
    }

    /**
     * "100 Continue" only once the body is read. Tomcat's default sends it as soon as the headers are in, so a
     * client that asked first (curl above 1 MB, GDAL) sent an upload the server was about to refuse from its
     * Content-Length, and lost the 413 to the connection reset that followed.
     */
    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
