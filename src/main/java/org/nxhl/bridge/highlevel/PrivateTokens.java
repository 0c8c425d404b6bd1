package org.nxhl.bridge.highlevel;

import org.nxhl.bridge.inbox.PermanentFailureException;
import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;

/** Private Integration Tokens, one per location, from configuration. */
public class PrivateTokens implements TokenProvider {

    private final Locations locations;

    public PrivateTokens(Locations locations) {
        this.locations = locations;
    }

    @Override
    public String bearerFor(String locationId) {
        return locations.byId(locationId).flatMap(Location::privateToken).orElseThrow(() ->
                new PermanentFailureException("location " + locationId + " has no HighLevel token configured"));
    }
}
