package org.nxhl.bridge.highlevel;

import java.util.Set;

/** Gives the bearer token to use for a location's HighLevel calls, and what that token may do. */
public interface TokenProvider {

    /** The scopes a token has when nothing says otherwise: read and write contacts. */
    Set<String> CONTACT_SCOPES = Set.of(Scopes.READ, Scopes.WRITE);

    String bearerFor(String locationId);

    /** Called when HighLevel answered 401 to {@code usedToken}; answers whether a new token is to be had. */
    default boolean rejected(String locationId, String usedToken) {
        return false;
    }

    /** The scopes the location's token was granted. */
    default Set<String> scopesFor(String locationId) {
        return CONTACT_SCOPES;
    }
}
