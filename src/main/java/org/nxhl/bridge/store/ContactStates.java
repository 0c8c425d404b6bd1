package org.nxhl.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nxhl.bridge.rules.ContactState;

/**
 * The last state the bridge saw of each HighLevel contact. A change is saved only over the version it
 * was computed from, together with what the event decided, so two events about one contact cannot both
 * act on the same old state, and a retried event repeats its decision instead of making a new one.
 */
public class ContactStates {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final ObjectMapper json;

    public ContactStates(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A stored state, the time of the event it came from, and its version for the next change. */
    public record Stored(ContactState state, Instant seenAt, long version) {
    }

    public Optional<Stored> find(String locationId, String contactId) {
        String sql = "SELECT state, seen_at, version FROM contact_state"
                + " WHERE location_id = ? AND contact_id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            ps.setString(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(json.readValue(rs.getString(1), ContactState.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("contact " + contactId + "'s state could not be read", e);
        }
    }

    /**
     * Saves {@code state} if the stored version is still {@code expected} (0: no state yet) and records
     * {@code stepResult} as step {@code step} of event {@code eventId}, in one transaction. Answers false
     * when another event changed the contact first.
     */
    public boolean advance(String locationId, String contactId, long expected, ContactState state,
                           Instant seenAt, long eventId, String step, String stepResult) {
        String insert = "INSERT INTO contact_state (location_id, contact_id, state, seen_at, version)"
                + " VALUES (?, ?, ?, ?, 1)";
        String update = "UPDATE contact_state SET state = ?, seen_at = ?, version = version + 1"
                + " WHERE location_id = ? AND contact_id = ? AND version = ?";
        String record = "INSERT INTO event_step (event_id, step, result) VALUES (?, ?, ?)";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                String text = json.writeValueAsString(state);
                OffsetDateTime at = seenAt.atOffset(ZoneOffset.UTC);
                int changed;
                if (expected == 0) {
                    try (PreparedStatement ps = c.prepareStatement(insert)) {
                        ps.setString(1, locationId);
                        ps.setString(2, contactId);
                        ps.setString(3, text);
                        ps.setObject(4, at);
                        changed = ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(update)) {
                        ps.setString(1, text);
                        ps.setObject(2, at);
                        ps.setString(3, locationId);
                        ps.setString(4, contactId);
                        ps.setLong(5, expected);
                        changed = ps.executeUpdate();
                    }
                }
                if (changed != 1) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(record)) {
                    ps.setLong(1, eventId);
                    ps.setString(2, step);
                    ps.setString(3, stepResult);
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("contact " + contactId + "'s state could not be saved", e);
        }
    }
}
