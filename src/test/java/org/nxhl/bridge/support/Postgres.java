package org.nxhl.bridge.support;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One PostgreSQL server for the whole test run, started from the embedded binaries on Maven Central,
 * so the suite needs no server installed. Each caller gets a database of its own.
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    private static synchronized EmbeddedPostgres server() throws Exception {
        if (server == null) {
            server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** Creates a new empty database and answers its JDBC URL. */
    public static String newDatabase() throws Exception {
        String name = "bridge_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
    }

    /** Store settings for a bridge on a new database of this server. */
    public static Map<String, String> storeSettings() throws Exception {
        return Map.of("store.url", newDatabase(), "store.user", "postgres", "store.password", "postgres");
    }

    public static int port() throws Exception {
        return server().getPort();
    }
}
