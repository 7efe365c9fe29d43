package luqiao.map.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import luqiao.map.config.LuqiaoProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Issue #17: the embedded database's pool takes spring.datasource.hikari.* as the PostGIS profile's does. */
class EmbeddedDatabaseTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LuqiaoProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Properties.class, EmbeddedDatabase.class);

    @Test
    void thePoolTakesTheHikariSettingsAndKeepsTheResolvedFileUrl(@TempDir Path dir) {
        runner.withPropertyValues(
                        "luqiao.data-dir=" + dir.resolve("data"),
                        "spring.datasource.hikari.maximum-pool-size=3",
                        "spring.datasource.hikari.max-lifetime=45000",
                        "spring.datasource.hikari.connection-timeout=5000",
                        "spring.datasource.hikari.pool-name=luqiao-test",
                        "spring.datasource.hikari.jdbc-url=jdbc:h2:mem:elsewhere")
                .run(context -> {
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(pool.getMaxLifetime()).isEqualTo(45_000);
                    assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
                    assertThat(pool.getPoolName()).isEqualTo("luqiao-test");
                    assertThat(pool.getJdbcUrl())
                            .as("the folder resolved to an absolute path wins")
                            .isEqualTo("jdbc:h2:file:" + dir.resolve("data").resolve("luqiao")
                                    + ";DB_CLOSE_ON_EXIT=FALSE");
                    try (Connection c = pool.getConnection()) {
                        assertThat(c.isValid(1)).isTrue();
                    }
                    assertThat(dir.resolve("data").resolve("luqiao.mv.db")).exists();
                });
    }

    @Test
    void withoutSettingsThePoolKeepsHikarisDefaults(@TempDir Path dir) {
        runner.withPropertyValues("luqiao.data-dir=" + dir).run(context -> {
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
            assertThat(pool.getMaxLifetime()).isEqualTo(1_800_000);
        });
    }
}
