package luqiao.map.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import luqiao.map.config.LuqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded H2GIS database of the default profile, in {@code luqiao.data-dir}.
 * Built here rather than from a URL in application.yml because H2 refuses file paths that are
 * implicitly relative ("data/x"); resolving the folder first makes any path a user gives work.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!postgis")
class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean
    DataSource dataSource(LuqiaoProperties properties) {
        Path folder = Path.of(properties.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folder " + folder, e);
        }
        log.info("Embedded H2GIS database in {}", folder);
        return DataSourceBuilder.create().type(HikariDataSource.class)
                .url("jdbc:h2:file:" + folder.resolve("luqiao") + ";DB_CLOSE_ON_EXIT=FALSE")
                .username("sa").password("")
                .build();
    }
}
