package org.nxhl.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for the benchmark, from the same embedded binaries the test suite uses, with
 * every commit flushed to disk before it returns ({@code synchronous_commit=on}, {@code fsync=on}).
 * Writes the JDBC URL of a fresh database {@code bridge} to the file given, then runs until stopped.
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String... args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path urlFile = Path.of(args[1]);
        Files.createDirectories(dataDir);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "100")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the benchmark is ending anyway
            }
        }));
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bridge");
        }
        Files.writeString(urlFile, "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/bridge\n");
        System.out.println("postgres ready on port " + server.getPort());
        Thread.currentThread().join();
    }
}
