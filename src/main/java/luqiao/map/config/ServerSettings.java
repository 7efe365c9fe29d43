package luqiao.map.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP connector settings ({@code luqiao.server.*} in application.yml).
 *
 * @param socketWriteBuffer how many bytes Tomcat hands the socket per write; it writes a larger body in
 *                          pieces of this size (its default is 8 KB: 30 system calls for a 250 KB tile)
 */
@Validated
@ConfigurationProperties("luqiao.server")
public record ServerSettings(@DefaultValue("64KB") @NotNull DataSize socketWriteBuffer) {}
