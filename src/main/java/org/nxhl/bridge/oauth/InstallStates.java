package org.nxhl.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.store.StoreUnavailableException;

/**
 * The {@code state} of each install the bridge started: random, kept in the store (as a hash) so that any
 * replica can check the return, good once and for a short time.
 */
public class InstallStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Duration lifetime;

    public InstallStates(Database db, Duration lifetime) {
        this.db = db;
        this.lifetime = lifetime;
    }

    public String issue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = db.connection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM oauth_state WHERE expires_at < ?")) {
                purge.setObject(1, now);
                purge.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO oauth_state (state_hash, expires_at) VALUES (?, ?)")) {
                ps.setString(1, hash(state));
                ps.setObject(2, now.plus(lifetime));
                ps.executeUpdate();
            }
            return state;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the install could not be started", e);
        }
    }

    /** Whether the state is one the bridge issued, not used yet and not expired; it is used up either way. */
    public boolean consume(String state) {
        if (state == null || state.isBlank() || state.length() > 200) {
            return false;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM oauth_state WHERE state_hash = ? AND expires_at >= ?")) {
            ps.setString(1, hash(state));
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the install's state could not be checked", e);
        }
    }

    private static String hash(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
