package luqiao.map.store.replicas;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With replicas configured, the server's one data source is a {@link RoutedDataSource} over the primary's pool
 * (made here as Boot would make it, from {@code spring.datasource.*}) and the replicas' pools. Boot then makes
 * no data source of its own; its health, Flyway, metrics and transactions all use this one, which answers for
 * the primary wherever a request has not marked an anonymous read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnReplicas
class ReplicaConfig {

    @Bean
    Replicas replicas(
            ReplicaSettings settings, DataSourceProperties primary, Environment environment, MeterRegistry registry) {
        return Replicas.of(settings, primary, environment, registry);
    }

    @Bean
    RoutedDataSource dataSource(DataSourceProperties properties, Environment environment, Replicas replicas) {
        HikariDataSource primary = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(primary));
        return new RoutedDataSource(primary, replicas);
    }
}
