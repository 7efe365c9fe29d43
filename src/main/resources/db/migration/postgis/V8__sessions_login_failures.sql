-- Stateless instances (issue #14): what one instance knew in memory, every instance now reads here.

-- Sign-in sessions (Spring Session JDBC), so that a session started on one instance works on all.
-- Spring Session's own schema (schema-postgresql.sql of spring-session-jdbc 4.0), made by this
-- migration rather than by Spring Boot's initializer (spring.session.jdbc.initialize-schema: never).
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36) NOT NULL,
    SESSION_ID            CHAR(36) NOT NULL,
    CREATION_TIME         BIGINT   NOT NULL,
    LAST_ACCESS_TIME      BIGINT   NOT NULL,
    MAX_INACTIVE_INTERVAL INT      NOT NULL,
    EXPIRY_TIME           BIGINT   NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
-- Finds a user's sessions, to end them when an administrator changes the user.
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    BYTEA NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID)
        REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
);

-- Failed sign-ins (security.LoginThrottle), counted across instances. One row per scope:
--   'pair'   a user name at a client address (user_key and client set),
--   'client' a client address, any user names (user_key ''),
--   'user'   a user name, all addresses (client '').
-- user_key is the SHA-256 (hex) of the user name: any name can be tried, so its length is not ours to bound.
-- Rows older than the window are deleted by a periodic job (security.LoginThrottle).
CREATE TABLE login_failures (
    scope         VARCHAR(6)   NOT NULL,
    user_key      VARCHAR(64)  NOT NULL,
    client        VARCHAR(100) NOT NULL,
    failures      INT          NOT NULL,
    first_failure TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failure  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT login_failures_pk PRIMARY KEY (scope, user_key, client),
    CONSTRAINT login_failures_scope CHECK (scope IN ('pair', 'client', 'user'))
);

CREATE INDEX login_failures_last_failure ON login_failures (last_failure);

-- Periodic jobs run once across instances (store.cluster.ClusterLock): the last run of each, claimed under the
-- job's PostgreSQL advisory lock so that an instance whose timer fires a moment later does not run it again.
-- The embedded database has one instance by construction and does not use it.
CREATE TABLE cluster_jobs (
    name     VARCHAR(100) NOT NULL PRIMARY KEY,
    last_run TIMESTAMP WITH TIME ZONE NOT NULL
);
