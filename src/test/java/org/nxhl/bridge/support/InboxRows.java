package org.nxhl.bridge.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.nxhl.bridge.store.Database;

/** Reads the running bridge's inbox table directly, to see what was stored and how it ended. */
public final class InboxRows {

    private final RunningBridge bridge;

    public InboxRows(RunningBridge bridge) {
        this.bridge = bridge;
    }

    public long count() throws Exception {
        return Long.parseLong(one("SELECT COUNT(*) FROM inbox_event", null));
    }

    public long count(String type) throws Exception {
        return Long.parseLong(one("SELECT COUNT(*) FROM inbox_event WHERE event_type = ?", type));
    }

    public String status(long eventId) throws Exception {
        return one("SELECT status FROM inbox_event WHERE id = ?", eventId);
    }

    public String lastError(long eventId) throws Exception {
        return one("SELECT last_error FROM inbox_event WHERE id = ?", eventId);
    }

    private String one(String sql, Object arg) throws Exception {
        try (Connection c = bridge.bean("database", Database.class).connection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
