package org.nxhl.bridge.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.nxhl.bridge.store.Database;

/** Reads the inbox of a bridge running in this JVM. */
public final class Inbox {

    private Inbox() {
    }

    /** Networx leads in the given status; the sandbox's own webhooks fill the inbox with other events. */
    public static long leads(RunningBridge bridge, String status) throws Exception {
        return events(bridge, "networx.lead", status);
    }

    /** Events of one type in the given status. */
    public static long events(RunningBridge bridge, String type, String status) throws Exception {
        String sql = "SELECT COUNT(*) FROM inbox_event WHERE event_type = ? AND status = ?";
        try (Connection c = bridge.bean("database", Database.class).connection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, type);
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
