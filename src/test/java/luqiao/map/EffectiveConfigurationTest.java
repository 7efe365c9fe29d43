package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import luqiao.map.store.ConnectionPools;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The configuration logged at start shows every luqiao.* value in force but never a secret. */
class EffectiveConfigurationTest {

    @Test
    void passwordsTokensAndKeysAreRedactedAndTheRestShown() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("postgis");
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "application.yml",
                        Map.of(
                                "luqiao.security.admin-password", "s3cret-admin-pass",
                                "luqiao.metrics.token", "metrics-token-0123456789abcdefghijklmnop",
                                "luqiao.map.tianditu-key", "tianditu-browser-key",
                                "luqiao.api.max-limit", "10000",
                                "luqiao.print.review-number", "",
                                "spring.datasource.password", "db-password")));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("commandLineArgs", Map.of("luqiao.api.max-limit", "500")));

        String logged = EffectiveConfiguration.describe(
                environment,
                List.of(new ConnectionPools.Pool(
                        "dataSource", "jdbc:postgresql://db:5432/luqiao?user=map&password=pg-url-pass&ssl=true", 10)));

        assertThat(logged)
                .doesNotContain("s3cret-admin-pass", "metrics-token-0123456789", "tianditu-browser-key", "pg-url-pass")
                .doesNotContain("db-password")
                .contains("luqiao.security.admin-password = ******")
                .contains("luqiao.metrics.token = ******")
                .contains("luqiao.map.tianditu-key = ******")
                .as("the value in force: the argument outranks application.yml")
                .contains("luqiao.api.max-limit = 500")
                .contains("profiles: postgis")
                .contains("jdbc:postgresql://db:5432/luqiao?user=map&password=******&ssl=true, at most 10 connections");
    }
}
