package org.nxhl.bridge.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens the emulated API accepts; an OAuth emulator can register the tokens it issues. */
final class AccessTokens {

    private final Map<String, AccessGrant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    AccessTokens(Clock clock) {
        this.clock = clock;
    }

    void register(String token, String locationId, Set<String> scopes, Instant expiresAtOrNull) {
        grants.put(token, new AccessGrant(locationId, scopes, expiresAtOrNull));
    }

    void revoke(String token) {
        grants.remove(token);
    }

    void clear() {
        grants.clear();
    }

    /** The grant of a live token in an {@code Authorization: Bearer} header, or null. */
    AccessGrant resolve(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        AccessGrant grant = grants.get(authorization.substring(7).trim());
        if (grant == null || grant.expiredAt(clock.instant())) {
            return null;
        }
        return grant;
    }
}
