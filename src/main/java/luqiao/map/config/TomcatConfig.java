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
}
