package org.nxhl.bridge.oauth;

import org.nxhl.bridge.highlevel.AppInstalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tokens an install brings: a Location grant for its location, an agency (Company) grant for
 * the agency and, exchanged at {@code /oauth/locationToken}, for each location it approved. A location
 * that gets tokens again has its waiting events resumed at once.
 */
public class Installs implements AppInstalls {

    private static final Logger LOG = LoggerFactory.getLogger(Installs.class);

    private final TokenStore store;
    private final CompanyTokens companies;
    private final TokenEndpoint endpoint;
    private final OAuthTokens tokens;
    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;

    public Installs(TokenStore store, CompanyTokens companies, TokenEndpoint endpoint, OAuthTokens tokens,
                    InboxStore inbox, InboxDispatcher dispatcher) {
        this.store = store;
        this.companies = companies;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
    }

    /** Keeps what a code exchange granted; answers the locations now connected. */
    public List<String> accept(TokenGrant grant) {
        if (!grant.company()) {
            if (grant.locationId() == null) {
                throw new TokenRefusedException(200, "no_location", "the Location token names no location");
            }
            connect(grant.locationId(), grant.companyId(), grant);
            return List.of(grant.locationId());
        }
        companies.save(grant);
        LOG.info("agency {} connected through OAuth, {} approved locations", grant.companyId(),
                grant.approvedLocations().size());
        List<String> connected = new ArrayList<>();
        for (String locationId : grant.approvedLocations()) {
            connect(locationId, grant.companyId(),
                    endpoint.locationToken(grant.accessToken(), grant.companyId(), locationId));
            connected.add(locationId);
        }
        return connected;
    }

    @Override
    public void installed(String companyId, String locationId) {
        if (locationId == null) {
            // an agency-wide install: its locations' tokens come from the agency's own OAuth install
            LOG.info("agency {} installed the app; its locations connect through /oauth/install or their own"
                    + " INSTALL events", companyId);
            return;
        }
        Optional<String> companyToken = companies.accessToken(companyId);
        if (companyToken.isEmpty()) {
            LOG.warn("location {} installed the app, but no install of agency {} is held to get its token;"
                    + " install through /oauth/install", locationId, companyId);
            return;
        }
        connect(locationId, companyId, endpoint.locationToken(companyToken.get(), companyId, locationId));
    }

    /** A location's uninstall drops its tokens; an agency's drops the agency's and every one under it. */
    @Override
    public void uninstalled(String companyId, String locationId) {
        if (locationId != null) {
            uninstalled(locationId);
            return;
        }
        if (companyId == null) {
            return;
        }
        boolean held = companies.remove(companyId);
        List<String> under = store.all().stream().filter(t -> companyId.equals(t.companyId()))
                .map(StoredToken::locationId).toList();
        under.forEach(this::uninstalled);
        if (held || !under.isEmpty()) {
            LOG.warn("agency {} uninstalled the app: its tokens and those of its {} locations are dropped",
                    companyId, under.size());
        }
    }

    /** The app was removed from a location: its tokens are dropped and its events wait for a new install. */
    public void uninstalled(String locationId) {
        boolean held = store.locked(locationId, (current, row) -> {
            current.ifPresent(t -> row.disable(StoredToken.UNINSTALLED, "the app was uninstalled from the"
                    + " location in HighLevel"));
            return current.isPresent();
        });
        tokens.forget(locationId);
        if (held) {
            LOG.warn("location {} uninstalled the app: its tokens are dropped, its events wait for a new"
                    + " install", locationId);
        }
    }

    private void connect(String locationId, String companyId, TokenGrant grant) {
        TokenGrant own = new TokenGrant(grant.accessToken(), grant.refreshToken(), grant.expiresAt(),
                grant.scopes(), "Location", locationId, companyId, List.of());
        store.install(locationId, own);
        tokens.forget(locationId);
        int resumed = inbox.resume(locationId);
        dispatcher.wake();
        LOG.info("location {} connected through OAuth with scopes {}; {} waiting events resumed", locationId,
                String.join(" ", own.scopes()), resumed);
    }
}
