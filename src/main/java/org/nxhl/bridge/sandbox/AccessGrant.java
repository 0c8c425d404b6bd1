package org.nxhl.bridge.sandbox;

import java.time.Instant;
import java.util.Set;

/** What a bearer token stands for: one location, a set of scopes, an optional expiry. */
public record AccessGrant(String locationId, Set<String> scopes, Instant expiresAt) {

    public AccessGrant {
        scopes = Set.copyOf(scopes);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    boolean allows(String scope) {
        return scopes.contains(scope);
    }
}
