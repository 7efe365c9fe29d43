package luqiao.map.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import luqiao.map.config.LuqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded H2GIS database of the default profile, in {@code luqiao.data-dir}.
 * Built here rather than from a URL in application.yml because H2 refuses file paths that are
 * implicitly relative ("data/x"); resolving the folder first makes any path a user gives work.
 * The pool takes {@code spring.datasource.hikari.*} like the PostGIS profile's pool (maximum-pool-size,
 * max-lifetime, connection-timeout, ...); the URL, user and driver are always the ones resolved here.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!postgis")
class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean
    HikariDataSource dataSource(LuqiaoProperties properties, Environment environment) {
        Path folder = Path.of(properties.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folder " + folder, e);
        }
        HikariDataSource pool = new HikariDataSource();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setJdbcUrl("jdbc:h2:file:" + folder.resolve("luqiao") + ";DB_CLOSE_ON_EXIT=FALSE");
        pool.setDriverClassName("org.h2.Driver");
        pool.setUsername("sa");
        pool.setPassword("");
        log.info(
                "Embedded H2GIS database in {} (pool of at most {} connections, each kept at most {} ms)",
                folder,
                pool.getMaximumPoolSize(),
                pool.getMaxLifetime());
        return pool;
    }

    /**
     * Spring Boot's JdbcTemplate, with the same {@code spring.jdbc.template.*} settings (the API's statement
     * timeout among them), except that a query meeting a row committed while it ran is run again: see
     * {@link EmbeddedJdbcTemplate} for the H2 spatial index behaviour behind it.
     */
    @Bean
    JdbcTemplate jdbcTemplate(HikariDataSource dataSource, Environment environment) {
        JdbcProperties.Template settings = Binder.get(environment)
                .bindOrCreate("spring.jdbc", JdbcProperties.class)
                .getTemplate();
        JdbcTemplate jdbc = new EmbeddedJdbcTemplate(dataSource);
        jdbc.setIgnoreWarnings(settings.isIgnoreWarnings());
        jdbc.setFetchSize(settings.getFetchSize());
        jdbc.setMaxRows(settings.getMaxRows());
        if (settings.getQueryTimeout() != null) {
            jdbc.setQueryTimeout((int) settings.getQueryTimeout().getSeconds());
        }
        jdbc.setSkipResultsProcessing(settings.isSkipResultsProcessing());
        jdbc.setSkipUndeclaredResults(settings.isSkipUndeclaredResults());
        jdbc.setResultsMapCaseInsensitive(settings.isResultsMapCaseInsensitive());
        return jdbc;
    }
}
