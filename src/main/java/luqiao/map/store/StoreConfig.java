package luqiao.map.store;

import javax.sql.DataSource;
import luqiao.map.cql2.SqlDialect;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The storage seam's shared parts: what the database is, its CQL2 dialect and its statements, each made once. */
@Configuration(proxyBeanMethods = false)
class StoreConfig {

    @Bean
    DatabaseKind databaseKind(DataSource dataSource) {
        return DatabaseKind.of(dataSource);
    }

    @Bean
    SqlDialect sqlDialect(DatabaseKind kind) {
        return kind.dialect();
    }

    @Bean
    SqlStatements sqlStatements(DatabaseKind kind) {
        return SqlStatements.load(kind);
    }
}
