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
     * "100 Continue" only once the body is read. Tomcat's default sends it as soon as the headers are in, so a
     * client that asked first (curl above 1 MB, GDAL) sent an upload the server was about to refuse from its
     * Content-Length, and lost the 413 to the connection reset that followed.
     */
    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
