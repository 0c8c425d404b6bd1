package org.nxhl.bridge.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Which HighLevel contact each Networx lead became. The person's email and phone are kept only as
 * hashes, enough to tell that a new lead is someone the bridge has sent before.
 */
public class ContactLinks {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public ContactLinks(Database db) {
        this.db = db;
    }

    public void remember(String locationId, String leadId, String contactId, String email, String phone) {
        String sql = "INSERT INTO contact_link (location_id, lead_id, contact_id, email_hash, phone_hash,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            ps.setString(2, leadId);
            ps.setString(3, contactId);
            ps.setString(4, hash(email));
            ps.setString(5, hash(phone));
            ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
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

    /** A contact the bridge already made for this email or phone in the location, if any. */
    public Optional<String> contactOfPerson(String locationId, String email, String phone) {
        // two lookups, each on its own index, rather than one OR that reads the whole location
        String sql = "SELECT contact_id FROM contact_link WHERE location_id = ? AND %s = ?"
                + " ORDER BY created_at FETCH FIRST 1 ROWS ONLY";
        String emailHash = hash(email);
        Optional<String> byEmail = emailHash == null ? Optional.empty()
                : one(String.format(sql, "email_hash"), locationId, emailHash);
        if (byEmail.isPresent()) {
            return byEmail;
        }
        String phoneHash = hash(phone);
        return phoneHash == null ? Optional.empty() : one(String.format(sql, "phone_hash"), locationId, phoneHash);
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

    static String hash(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(value.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
