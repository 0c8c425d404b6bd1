package org.nxhl.bridge.highlevel;

/** Gives the bearer token to use for a location's HighLevel calls. */
public interface TokenProvider {

    String bearerFor(String locationId);

    /** Called when HighLevel answered 401 to {@code usedToken}; answers whether a new token is to be had. */
    default boolean rejected(String locationId, String usedToken) {
        return false;
    }
}
