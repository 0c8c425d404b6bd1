package org.nxhl.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** The bridge's one relational store: the embedded H2 file database or PostgreSQL, migrated by Flyway. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final boolean postgres;

    public Database(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bridge-store");
        // a store that is down must fail the request fast so intake can answer 503
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /**
     * H2 writes commits to its file up to half a second late by default, so a killed process would lose
     * events it had already answered 2xx for; every commit is written before it returns instead. And H2
     * closes itself when the JVM is told to stop, before the bridge has handed back the events it holds;
     * the bridge closes it, last.
     */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String durable = upper.contains("WRITE_DELAY") ? url : url + ";WRITE_DELAY=0";
        return upper.contains("DB_CLOSE_ON_EXIT") ? durable : durable + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Commits, and returns only once the commit is on disk. PostgreSQL flushes every commit itself
     * ({@code synchronous_commit}); H2 writes a commit to its file but leaves it in the operating
     * system's cache, where a power loss would take it, so the file is synced too. For commits that
     * promise something to the outside: an event answered 2xx, a rotated refresh token.
     */
    public void commitToDisk(Connection c) throws SQLException {
        c.commit();
        if (!postgres) {
            try (Statement sync = c.createStatement()) {
                sync.execute("CHECKPOINT SYNC");
            }
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
