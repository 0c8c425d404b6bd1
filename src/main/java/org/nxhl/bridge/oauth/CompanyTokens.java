package org.nxhl.bridge.oauth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.nxhl.bridge.inbox.RetryLaterException;
import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agency (Company) installs in table {@code oauth_company_token}. A company token only serves to get
 * Location tokens; it is refreshed under its row lock, like a location's, and its refresh token rotates.
 */
public class CompanyTokens {

    private static final Logger LOG = LoggerFactory.getLogger(CompanyTokens.class);
    private static final Duration REINSTALL_WAIT = Duration.ofMinutes(15);

    private final Database db;
    private final TokenCipher cipher;
    private final TokenEndpoint endpoint;
    private final Duration margin;

    public CompanyTokens(Database db, TokenCipher cipher, TokenEndpoint endpoint, Duration margin) {
        this.db = db;
        this.cipher = cipher;
        this.endpoint = endpoint;
        this.margin = margin;
    }

    public void save(TokenGrant grant) {
        String company = grant.companyId();
        String update = "UPDATE oauth_company_token SET access_token = ?, refresh_token = ?, expires_at = ?,"
                + " scopes = ?, status = 'active', status_reason = NULL, installed_at = ? WHERE company_id = ?";
        String insert = "INSERT INTO oauth_company_token (access_token, refresh_token, expires_at, scopes,"
                + " installed_at, company_id, status) VALUES (?, ?, ?, ?, ?, ?, 'active')";
        try (Connection c = db.connection()) {
            if (write(c, update, grant) == 0) {
                write(c, insert, grant);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the agency install of " + company + " was not stored", e);
        }
    }

    /** The agency removed the app: its tokens are dropped. Answers whether an install was held. */
    public boolean remove(String companyId) {
        String delete = "DELETE FROM oauth_company_token WHERE company_id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(delete)) {
            ps.setString(1, companyId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the agency install of " + companyId + " was not removed", e);
        }
    }

    private int write(Connection c, String sql, TokenGrant grant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, cipher.seal(grant.accessToken(), context(grant.companyId(), "access")));
            ps.setString(2, cipher.seal(grant.refreshToken(), context(grant.companyId(), "refresh")));
            ps.setObject(3, grant.expiresAt().atOffset(ZoneOffset.UTC));
            ps.setString(4, String.join(" ", grant.scopes()));
            ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(6, grant.companyId());
            return ps.executeUpdate();
        }
    }

    /** A live access token of the agency, refreshed first under the row lock when it is about to expire. */
    public Optional<String> accessToken(String companyId) {
        String select = "SELECT access_token, refresh_token, expires_at, status, status_reason"
                + " FROM oauth_company_token WHERE company_id = ? FOR UPDATE";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, companyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.commit();
                        return Optional.empty();
                    }
                    if (!"active".equals(rs.getString(4))) {
                        c.commit();
                        throw RetryLaterException.held("the agency install of " + companyId + " needs the app"
                                + " reinstalled: " + rs.getString(5), Instant.now().plus(REINSTALL_WAIT));
                    }
                    String access = cipher.open(rs.getString(1), context(companyId, "access"));
                    if (rs.getObject(3, OffsetDateTime.class).toInstant().isAfter(Instant.now().plus(margin))) {
                        c.commit();
                        return Optional.of(access);
                    }
                    String refresh = cipher.open(rs.getString(2), context(companyId, "refresh"));
                    return Optional.of(refresh(c, companyId, refresh));
                }
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the agency install of " + companyId + " could not be read", e);
        }
    }

    private String refresh(Connection c, String companyId, String refreshToken) throws SQLException {
        TokenGrant grant;
        try {
            grant = endpoint.refresh(refreshToken, "Company");
        } catch (TokenRefusedException e) {
            if (e.invalidGrant()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE oauth_company_token SET status ="
                        + " 'needs_reinstall', status_reason = ? WHERE company_id = ?")) {
                    ps.setString(1, e.getMessage());
                    ps.setString(2, companyId);
                    ps.executeUpdate();
                }
                LOG.error("agency {} needs the app reinstalled: {}", companyId, e.getMessage());
            }
            c.commit();
            throw new RetryLaterException("the agency token of " + companyId + " was not refreshed: "
                    + e.getMessage(), (Throwable) null);
        } catch (RuntimeException e) {
            c.commit();
            throw e;
        }
        String update = "UPDATE oauth_company_token SET access_token = ?, refresh_token = ?, expires_at = ?,"
                + " scopes = ?, refreshed_at = ?, company_id = ? WHERE company_id = ?";
        try (PreparedStatement ps = c.prepareStatement(update)) {
            ps.setString(1, cipher.seal(grant.accessToken(), context(companyId, "access")));
            ps.setString(2, cipher.seal(grant.refreshToken(), context(companyId, "refresh")));
            ps.setObject(3, grant.expiresAt().atOffset(ZoneOffset.UTC));
            ps.setString(4, String.join(" ", grant.scopes()));
            ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(6, companyId);
            ps.setString(7, companyId);
            ps.executeUpdate();
        }
        db.commitToDisk(c);
        return grant.accessToken();
    }

    private static String context(String companyId, String column) {
        return "oauth_company_token/" + companyId + "/" + column;
    }
}
