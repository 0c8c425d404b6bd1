package org.nxhl.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Which contact each HighLevel task belongs to, as far as the bridge has seen, for events that omit it. */
public class TaskLinks {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public TaskLinks(Database db) {
        this.db = db;
    }

    public void remember(String locationId, String taskId, String contactId) {
        String sql = "INSERT INTO task_link (location_id, task_id, contact_id, created_at)"
                + " VALUES (?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            ps.setString(2, taskId);
            ps.setString(3, contactId);
            ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StoreUnavailableException("the task's contact could not be remembered", e);
            }
        }
    }

    public Optional<String> contactOf(String locationId, String taskId) {
        String sql = "SELECT contact_id FROM task_link WHERE location_id = ? AND task_id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            ps.setString(2, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("task links could not be read", e);
        }
    }
}
