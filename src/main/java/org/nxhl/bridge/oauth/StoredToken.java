package org.nxhl.bridge.oauth;

import java.time.Instant;
import java.util.Set;

/** A location's OAuth install as stored, tokens decrypted (in memory only). Never printed whole. */
public record StoredToken(String locationId, String companyId, String accessToken, String refreshToken,
                          Instant expiresAt, Set<String> scopes, String status, String reason, long generation,
                          Instant refreshLostAt) {

    public static final String ACTIVE = "active";
    public static final String NEEDS_REINSTALL = "needs_reinstall";
    public static final String UNINSTALLED = "uninstalled";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** Whether the access token is still good at {@code at}. */
    public boolean freshAt(Instant at) {
        return expiresAt.isAfter(at);
    }

    @Override
    public String toString() {
        return "StoredToken[" + locationId + ", " + status + ", generation " + generation + ", expires "
                + expiresAt + "]";
    }
}
