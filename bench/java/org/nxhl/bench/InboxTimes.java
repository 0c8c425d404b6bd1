package org.nxhl.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Reads the bridge's own record of each Networx lead from its store, once the bridge has stopped:
 * one tab-separated line per event with its idempotency key, status, attempts, and received and
 * finished times in epoch milliseconds. Prints the number of events; with {@code -} as the output
 * file it writes no lines.
 *
 * <p>Arguments: JDBC URL, user, output file or {@code -}, password (optional).
 */
public final class InboxTimes {

    private InboxTimes() {
    }

    public static void main(String... args) throws Exception {
        String sql = "SELECT idempotency_key, status, attempts, received_at, finished_at FROM inbox_event"
                + " WHERE event_type = 'networx.lead' ORDER BY id";
        try (Connection c = DriverManager.getConnection(args[0], args[1], args.length > 3 ? args[3] : "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql);
             PrintWriter out = "-".equals(args[2]) ? null
                     : new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            long events = 0;
            while (rs.next()) {
                events++;
                if (out == null) {
                    continue;
                }
                OffsetDateTime finished = rs.getObject(5, OffsetDateTime.class);
                out.println(rs.getString(1) + "\t" + rs.getString(2) + "\t" + rs.getInt(3) + "\t"
                        + rs.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli() + "\t"
                        + (finished == null ? "" : finished.toInstant().toEpochMilli()));
            }
            System.out.println(events);
        }
    }
}
