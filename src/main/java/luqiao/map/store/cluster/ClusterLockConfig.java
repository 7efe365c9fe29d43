package luqiao.map.store.cluster;

import luqiao.map.store.DatabaseKind;
import luqiao.map.store.SqlStatements;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The cluster lock of the database in use: advisory locks on PostgreSQL, none needed on the embedded database. */
@Configuration(proxyBeanMethods = false)
class ClusterLockConfig {

    @Bean
    ClusterLock clusterLock(DatabaseKind kind, JdbcTemplate jdbc, TransactionTemplate transaction, SqlStatements sql) {
        return kind == DatabaseKind.POSTGIS ? new AdvisoryClusterLock(jdbc, transaction, sql) : new SingleInstance();
    }
}
