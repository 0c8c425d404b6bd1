package org.nxhl.bridge.oauth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.store.StoreUnavailableException;

/**
 * The OAuth installs of locations in table {@code oauth_token}, tokens encrypted with {@link TokenCipher}.
 * {@link #locked} runs work on one row under {@code SELECT ... FOR UPDATE}, the lock that makes a refresh
 * happen once across every thread and process sharing the database.
 */
public class TokenStore {

    private static final String COLUMNS = "location_id, company_id, access_token, refresh_token, expires_at,"
            + " scopes, status, status_reason, generation, refresh_lost_at";

    private final Database db;
    private final TokenCipher cipher;

    public TokenStore(Database db, TokenCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** Work on one locked row; what it writes through {@link Row} is committed when it ends. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run(Optional<StoredToken> current, Row row);
    }

    public Optional<StoredToken> find(String locationId) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM oauth_token WHERE location_id = ?")) {
            ps.setString(1, locationId);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the OAuth install of " + locationId + " could not be read", e);
        }
    }

    /** Every install that is not active, for readiness and the start-up report. */
    public List<StoredToken> notActive() {
        return all().stream().filter(t -> !t.active()).toList();
    }

    public List<StoredToken> all() {
        List<StoredToken> all = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM oauth_token ORDER BY location_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(token(rs));
            }
            return all;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the OAuth installs could not be read", e);
        }
    }

    /**
     * Runs {@code work} holding the row lock of the location's install. Whatever the work wrote is
     * committed when it ends, also when it ends by throwing: a write there is a decision, such as
     * marking the install for reinstall.
     */
    public <T> T locked(String locationId, LockedWork<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<StoredToken> current;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM oauth_token WHERE location_id = ? FOR UPDATE")) {
                    ps.setString(1, locationId);
                    current = read(ps);
                }
                T result = work.run(current, new Row(c, locationId));
                db.commitToDisk(c);
                return result;
            } catch (RuntimeException e) {
                commitQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the OAuth install of " + locationId + " could not be locked",
                    e);
        }
    }

    /** Stores a new install (or a reinstall) of a location: active, with the grant's tokens. */
    public void install(String locationId, TokenGrant grant) {
        locked(locationId, (current, row) -> {
            row.install(grant, current.map(StoredToken::generation).orElse(0L) + 1, current.isPresent());
            return null;
        });
    }

    private static void commitQuietly(Connection c) {
        try {
            c.commit();
        } catch (SQLException ignored) {
            // the decision is lost with the connection; the next worker will make it again
        }
    }

    private Optional<StoredToken> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(token(rs)) : Optional.empty();
        }
    }

    private StoredToken token(ResultSet rs) throws SQLException {
        String location = rs.getString(1);
        String refresh = rs.getString(4);
        OffsetDateTime lost = rs.getObject(10, OffsetDateTime.class);
        String access = cipher.open(rs.getString(3), context(location, "access"));
        return new StoredToken(location, rs.getString(2), access,
                refresh == null ? null : cipher.open(refresh, context(location, "refresh")),
                rs.getObject(5, OffsetDateTime.class).toInstant(), scopes(rs.getString(6)), rs.getString(7),
                rs.getString(8), rs.getLong(9), lost == null ? null : lost.toInstant());
    }

    static Set<String> scopes(String text) {
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
        scopes.remove("");
        return scopes;
    }

    private static String context(String locationId, String column) {
        return "oauth_token/" + locationId + "/" + column;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** Writes to the locked row, inside its transaction. */
    public final class Row {

        private final Connection c;
        private final String locationId;

        private Row(Connection c, String locationId) {
            this.c = c;
            this.locationId = locationId;
        }

        void install(TokenGrant grant, long generation, boolean exists) {
            String sql = exists
                    ? "UPDATE oauth_token SET company_id = ?, access_token = ?, refresh_token = ?,"
                    + " expires_at = ?, scopes = ?, status = 'active', status_reason = NULL, generation = ?,"
                    + " installed_at = ?, refreshed_at = NULL, refresh_lost_at = NULL WHERE location_id = ?"
                    : "INSERT INTO oauth_token (company_id, access_token, refresh_token, expires_at, scopes,"
                    + " status, generation, installed_at, location_id)"
                    + " VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)";
            execute(sql, ps -> {
                ps.setString(1, grant.companyId());
                ps.setString(2, cipher.seal(grant.accessToken(), context(locationId, "access")));
                ps.setString(3, grant.refreshToken() == null ? null
                        : cipher.seal(grant.refreshToken(), context(locationId, "refresh")));
                ps.setObject(4, utc(grant.expiresAt()));
                ps.setString(5, String.join(" ", grant.scopes()));
                ps.setLong(6, generation);
                ps.setObject(7, utc(Instant.now()));
                ps.setString(8, locationId);
            });
            refreshFinished();
        }

        /**
         * Records, in a commit of its own, that the refresh token is about to be sent: the locked row's
         * transaction is not committed until HighLevel answers, and a process killed before then would
         * leave no trace that its refresh token may be spent.
         */
        void refreshStarting(Instant at) {
            try (Connection own = db.connection()) {
                own.setAutoCommit(false);
                try (PreparedStatement delete = own.prepareStatement(
                        "DELETE FROM oauth_refresh_attempt WHERE location_id = ?");
                     PreparedStatement insert = own.prepareStatement(
                             "INSERT INTO oauth_refresh_attempt (location_id, started_at) VALUES (?, ?)")) {
                    delete.setString(1, locationId);
                    delete.executeUpdate();
                    insert.setString(1, locationId);
                    insert.setObject(2, utc(at));
                    insert.executeUpdate();
                    db.commitToDisk(own);
                } finally {
                    own.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException("the token refresh of " + locationId + " was not recorded",
                        e);
            }
        }

        /** When a refresh was started and never stored its answer, if one was. */
        Optional<Instant> unfinishedRefresh() {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT started_at FROM oauth_refresh_attempt WHERE location_id = ?")) {
                ps.setString(1, locationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException("the OAuth install of " + locationId + " was not read", e);
            }
        }

        private void refreshFinished() {
            execute("DELETE FROM oauth_refresh_attempt WHERE location_id = ?",
                    ps -> ps.setString(1, locationId));
        }

        /**
         * The new access and refresh tokens, committed together before either is used. An answer without
         * a refresh token or scopes keeps the stored ones, as the tokens in memory do.
         */
        void refreshed(TokenGrant grant) {
            String sql = "UPDATE oauth_token SET access_token = ?, refresh_token = COALESCE(?, refresh_token),"
                    + " expires_at = ?, scopes = COALESCE(NULLIF(?, ''), scopes), generation = generation + 1,"
                    + " refreshed_at = ?, refresh_lost_at = NULL WHERE location_id = ?";
            execute(sql, ps -> {
                ps.setString(1, cipher.seal(grant.accessToken(), context(locationId, "access")));
                ps.setString(2, grant.refreshToken() == null ? null
                        : cipher.seal(grant.refreshToken(), context(locationId, "refresh")));
                ps.setObject(3, utc(grant.expiresAt()));
                ps.setString(4, String.join(" ", grant.scopes()));
                ps.setObject(5, utc(Instant.now()));
                ps.setString(6, locationId);
            });
            refreshFinished();
        }

        void refreshAnswerLost(Instant at) {
            execute("UPDATE oauth_token SET refresh_lost_at = ? WHERE location_id = ?", ps -> {
                ps.setObject(1, utc(at));
                ps.setString(2, locationId);
            });
        }

        /** No longer usable: the tokens are wiped and the reason kept for people to read. */
        void disable(String status, String reason) {
            execute("UPDATE oauth_token SET status = ?, status_reason = ?, access_token = ?,"
                    + " refresh_token = NULL WHERE location_id = ?", ps -> {
                ps.setString(1, status);
                ps.setString(2, reason.length() > 2000 ? reason.substring(0, 2000) : reason);
                ps.setString(3, cipher.seal("", context(locationId, "access")));
                ps.setString(4, locationId);
            });
        }

        private void execute(String sql, Binder binder) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new StoreUnavailableException("the OAuth install of " + locationId + " was not written",
                        e);
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
