package org.nxhl.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Which HighLevel contact each Networx lead became; nothing of the person is kept. */
public class ContactLinks {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public ContactLinks(Database db) {
        this.db = db;
    }

    public void remember(String locationId, String leadId, String contactId) {
        String sql = "INSERT INTO contact_link (location_id, lead_id, contact_id, created_at) VALUES (?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            ps.setString(2, leadId);
            ps.setString(3, contactId);
            ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StoreUnavailableException("the lead's contact could not be remembered", e);
            }
        }
    }

    public Optional<String> contactOfLead(String locationId, String leadId) {
        return one("SELECT contact_id FROM contact_link WHERE location_id = ? AND lead_id = ?", locationId, leadId);
    }

    /** The lead a contact came from, if it came from one. */
    public Optional<String> leadOfContact(String locationId, String contactId) {
        return one("SELECT lead_id FROM contact_link WHERE location_id = ? AND contact_id = ?"
                + " ORDER BY created_at FETCH FIRST 1 ROWS ONLY", locationId, contactId);
    }

    private Optional<String> one(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("contact links could not be read", e);
        }
    }
}
