package org.nxhl.bridge.oauth;

import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.nxhl.bridge.store.StoreUnavailableException;

/**
 * Readiness names every OAuth install that needs a reinstall, with the reason, in its details. It stays
 * UP all the same: readiness takes a replica out of its Service, and that would stop the intake of every
 * other location, and of this location's own events, which are stored and wait for the reinstall.
 */
public class InstallsHealthCheck extends AbstractHealthCheck {

    private final TokenStore store;

    public InstallsHealthCheck(TokenStore store) {
        super("bridge", "oauth-installs");
        this.store = store;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            List<StoredToken> waiting = store.notActive();
            builder.detail("installs.waiting", waiting.size());
            for (StoredToken token : waiting) {
                builder.detail("location." + token.locationId(), token.status() + ": " + token.reason());
            }
            builder.message(waiting.isEmpty() ? "every OAuth install is active"
                    : waiting.size() + " location(s) need the HighLevel app reinstalled: "
                    + String.join("; ", waiting.stream().map(t -> t.locationId() + " (" + t.status() + ": "
                    + t.reason() + ")").toList()));
        } catch (StoreUnavailableException e) {
            builder.detail("installs.unknown", "the store is unavailable");
        }
        builder.up();
    }
}
