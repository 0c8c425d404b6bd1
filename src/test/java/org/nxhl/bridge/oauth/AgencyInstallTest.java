package org.nxhl.bridge.oauth;

import org.nxhl.bridge.highlevel.AppInstalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.highlevel.HighLevelHeaders;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.RetryLaterException;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.SandboxOAuth;

class AgencyInstallTest {

    private static RunningBridge bridge;
    private static SandboxOAuth sandbox;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(OAuthLocations.settings());
        sandbox = new SandboxOAuth(bridge.url(""));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void anAgencyInstallConnectsEveryApprovedLocationAndRenewsTheirTokensThroughTheAgency() throws Exception {
        long before = sandbox.calls("locationToken");
        Http.Answer page = SandboxOAuth.install(bridge.url(""), "company:sandbox-company");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("location north is now connected", "location west is now connected");
        assertThat(sandbox.calls("locationToken") - before).isEqualTo(5);
        HighLevelClient highLevel = bridge.bean("highLevel", HighLevelClient.class);
        assertThat(status(highLevel, "north")).isEqualTo(200);

        sandbox.expireTokens("north");
        assertThat(status(highLevel, "north")).isEqualTo(200);
        assertThat(sandbox.calls("locationToken") - before).isEqualTo(6);
    }

    @Test
    void anUninstalledLocationWaitsAndAnInstallWebhookForItsAgencyConnectsItAgain() throws Exception {
        SandboxOAuth.install(bridge.url(""), "company:sandbox-company");
        AppInstalls installs = bridge.bean("locationInstalls", AppInstalls.class);
        HighLevelClient highLevel = bridge.bean("highLevel", HighLevelClient.class);

        installs.uninstalled("sandbox-company", "south");
        assertThat(bridge.bean("tokenStore", TokenStore.class).find("south").orElseThrow().status())
                .isEqualTo(StoredToken.UNINSTALLED);
        assertThatThrownBy(() -> status(highLevel, "south")).isInstanceOf(RetryLaterException.class)
                .hasMessageContaining("uninstalled").matches(e -> ((RetryLaterException) e).held());

        installs.installed("sandbox-company", "south");
        assertThat(status(highLevel, "south")).isEqualTo(200);
    }

    @Test
    void anAgencysUninstallDropsItsTokenAndThoseOfEveryLocationUnderIt() throws Exception {
        SandboxOAuth.install(bridge.url(""), "company:sandbox-company");
        AppInstalls installs = bridge.bean("locationInstalls", AppInstalls.class);
        TokenStore store = bridge.bean("tokenStore", TokenStore.class);
        assertThat(store.find("north").orElseThrow().status()).isEqualTo(StoredToken.ACTIVE);

        installs.uninstalled("sandbox-company", null);
        assertThat(store.all()).filteredOn(t -> "sandbox-company".equals(t.companyId())).isNotEmpty()
                .allSatisfy(t -> assertThat(t.status()).isEqualTo(StoredToken.UNINSTALLED));
        assertThat(bridge.bean("companyTokens", CompanyTokens.class).accessToken("sandbox-company")).isEmpty();

        // with no agency install held, a location's INSTALL has nothing to mint its token from
        installs.installed("sandbox-company", "north");
        assertThat(store.find("north").orElseThrow().status()).isEqualTo(StoredToken.UNINSTALLED);
        installs.installed("sandbox-company", null);
    }

    private static int status(HighLevelClient highLevel, String locationId) throws Exception {
        Exchange exchange = new DefaultExchange(bridge.camel());
        exchange.getMessage().setHeader(HighLevelHeaders.METHOD, "POST");
        exchange.getMessage().setHeader(HighLevelHeaders.PATH, "/contacts/upsert");
        exchange.getMessage().setHeader(InboxHeaders.LOCATION_ID, locationId);
        exchange.getMessage().setBody(Map.of("locationId", locationId, "email", locationId + "@example.org"));
        highLevel.send(exchange);
        return exchange.getMessage().getHeader(HighLevelHeaders.STATUS, Integer.class);
    }
}
