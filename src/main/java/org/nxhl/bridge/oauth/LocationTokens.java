package org.nxhl.bridge.oauth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nxhl.bridge.Settings;
import org.nxhl.bridge.highlevel.TokenProvider;
import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;

/**
 * The token of each location: its OAuth install where it has one, its Private Integration Token otherwise.
 * A PIT's scopes are whatever {@code location.<id>.scopes} says (both contacts scopes unless set); an
 * install's are those HighLevel granted. Without {@link #useOAuth} only PITs are used.
 */
public class LocationTokens implements TokenProvider {

    private final TokenProvider privateTokens;
    private final Map<String, Set<String>> privateScopes;
    private volatile OAuthTokens oauth;

    public LocationTokens(TokenProvider privateTokens, Map<String, Set<String>> privateScopes) {
        this.privateTokens = privateTokens;
        this.privateScopes = Map.copyOf(privateScopes);
    }

    /** Reads {@code location.<id>.scopes} (space separated) for each configured location. */
    public static LocationTokens of(TokenProvider privateTokens, Locations locations, Settings settings) {
        Map<String, Set<String>> scopes = new HashMap<>();
        for (Location location : locations.all()) {
            settings.optional("location." + location.id() + ".scopes")
                    .ifPresent(text -> scopes.put(location.id(), TokenStore.scopes(text)));
        }
        return new LocationTokens(privateTokens, scopes);
    }

    public void useOAuth(OAuthTokens tokens) {
        this.oauth = tokens;
    }

    @Override
    public String bearerFor(String locationId) {
        Optional<String> installed = oauth == null ? Optional.empty() : oauth.bearerFor(locationId);
        return installed.orElseGet(() -> privateTokens.bearerFor(locationId));
    }

    @Override
    public boolean rejected(String locationId, String usedToken) {
        if (installed(locationId)) {
            return oauth.rejected(locationId, usedToken);
        }
        return privateTokens.rejected(locationId, usedToken);
    }

    @Override
    public Set<String> scopesFor(String locationId) {
        Optional<Set<String>> installed = oauth == null ? Optional.empty() : oauth.scopesFor(locationId);
        return installed.orElseGet(() -> privateScopes.getOrDefault(locationId, CONTACT_SCOPES));
    }

    /** Whether the location's calls go out with an OAuth token. */
    public boolean installed(String locationId) {
        return oauth != null && oauth.scopesFor(locationId).isPresent();
    }
}
