package org.nxhl.bridge.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What HighLevel's token endpoints answered: the tokens, when the access token expires, its scopes, and
 * whom it is for. A token from {@code /oauth/locationToken} has no refresh token. Never printed whole.
 */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes,
                         String userType, String locationId, String companyId, List<String> approvedLocations) {

    public boolean company() {
        return "Company".equalsIgnoreCase(userType);
    }

    @Override
    public String toString() {
        return "TokenGrant[" + userType + " " + (company() ? companyId : locationId) + ", scopes " + scopes
                + ", expires " + expiresAt + "]";
    }
}
