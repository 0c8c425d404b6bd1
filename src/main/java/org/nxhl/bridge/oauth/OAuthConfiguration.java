package org.nxhl.bridge.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.nxhl.bridge.Settings;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.location.Locations;
import org.nxhl.bridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HighLevel OAuth: the install pages, the token store, and the OAuth side of the {@code tokens} every
 * HighLevel call takes its bearer from. Binds {@code locationInstalls} for HighLevel's install webhooks.
 * Builds on the parts {@link org.nxhl.bridge.BridgeConfiguration} binds.
 */
public class OAuthConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthConfiguration.class);

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel.getPropertiesComponent());
        Registry registry = camel.getRegistry();
        OAuthSettings oauth = OAuthSettings.read(settings);
        Database db = registry.lookupByNameAndType("database", Database.class);
        InboxStore inbox = registry.lookupByNameAndType("inbox", InboxStore.class);
        InboxDispatcher dispatcher = registry.lookupByNameAndType("dispatcher", InboxDispatcher.class);
        Locations locations = registry.lookupByNameAndType("locations", Locations.class);
        LocationTokens tokens = registry.lookupByNameAndType("tokens", LocationTokens.class);
        ObjectMapper json = registry.lookupByNameAndType("json", ObjectMapper.class);

        TokenCipher cipher = TokenCipher.fromKey(oauth.encryptionKey());
        TokenStore store = new TokenStore(db, cipher);
        TokenEndpoint endpoint = new TokenEndpoint(oauth, json);
        CompanyTokens companies = new CompanyTokens(db, cipher, endpoint, oauth.refreshMargin());
        OAuthTokens oauthTokens = new OAuthTokens(store, endpoint, companies, oauth.refreshMargin(),
                oauth.reinstallWait());
        tokens.useOAuth(oauthTokens);
        Installs installs = new Installs(store, companies, endpoint, oauthTokens, inbox, dispatcher);

        registry.bind("tokenStore", store);
        registry.bind("oauthTokens", oauthTokens);
        registry.bind("companyTokens", companies);
        registry.bind("locationInstalls", installs);
        registry.bind("installPages", new InstallPages(oauth, new InstallStates(db, oauth.stateLifetime()),
                endpoint, installs, locations));
        registry.bind("oauthInstallsHealthCheck", new InstallsHealthCheck(store));

        ScopeReport report = new ScopeReport(camel, locations, tokens, store);
        registry.bind("scopeReport", report);
        camel.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // the flows and the Kamelets they use are known only once routes are started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                try {
                    report.report();
                } catch (RuntimeException e) {
                    LOG.warn("the scopes of the locations could not be checked: {}", e.getMessage());
                }
            }
        });
    }
}
