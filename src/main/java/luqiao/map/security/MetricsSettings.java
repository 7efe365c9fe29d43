package luqiao.map.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read {@code /actuator/prometheus} besides administrators ({@code luqiao.metrics.*} in application.yml).
 *
 * @param token a secret a Prometheus server sends as {@code Authorization: Bearer <token>}; it reads the metrics
 *              and nothing else. Empty: none, only administrators read them. Env: {@code LUQIAO_METRICS_TOKEN}.
 */
@ConfigurationProperties("luqiao.metrics")
public record MetricsSettings(@DefaultValue("") String token) {

    /** The least length of a token: a short secret could be guessed through the endpoint. */
    static final int MIN_TOKEN_LENGTH = 32;

    public MetricsSettings {
        if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "luqiao.metrics.token must be empty or at least " + MIN_TOKEN_LENGTH + " characters long");
        }
    }
}
