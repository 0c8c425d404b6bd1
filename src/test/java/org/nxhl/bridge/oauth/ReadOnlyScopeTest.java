package org.nxhl.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.SandboxOAuth;

@Tag("store")
class ReadOnlyScopeTest {

    private static final String SANDBOX_KEY = "sandbox-0f6c2b9e4d7a41c8b35e";
    private static RunningBridge bridge;
    private static SandboxOAuth sandbox;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = OAuthLocations.settings();
        settings.put("location.sandbox.scopes", "contacts.readonly");
        settings.put("oauth.scopes", "contacts.readonly");
        settings.put("networx.subscribe-on-start", "false");
        bridge = RunningBridge.start(settings);
        sandbox = new SandboxOAuth(bridge.url(""));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aReadOnlyPrivateTokenGetsItsWritesRefusedNamingTheScopeAndNoCallReachesHighLevel() throws Exception {
        String error = deadLead("sandbox", SANDBOX_KEY, 1);

        assertThat(error).contains("location sandbox lacks the scope contacts.write", "POST /contacts/upsert");
        assertThat(sandbox.apiCalls("sandbox")).isZero();
        assertThat(sandbox.contacts("sandbox")).isEmpty();
    }

    @Test
    void aReadOnlyOAuthInstallGetsItsWritesRefusedNamingTheScopeAndNoCallReachesHighLevel() throws Exception {
        assertThat(SandboxOAuth.install(bridge.url(""), "north").body()).contains("north is now connected");

        String error = deadLead("north", OAuthLocations.intakeKey("north"), 2);

        assertThat(error).contains("location north lacks the scope contacts.write",
                "granted: contacts.readonly");
        assertThat(sandbox.apiCalls("north")).isZero();
        assertThat(sandbox.contacts("north")).isEmpty();
    }

    @Test
    void theStartUpReportNamesEachLocationWhoseFlowsCannotRunWithItsScopes() {
        List<String> lines = bridge.bean("scopeReport", ScopeReport.class).report();

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("location sandbox (private token)",
                "lacks the scope contacts.write", "networx-lead-to-contact"));
        assertThat(lines).noneMatch(line -> line.contains("location south"));
    }

    private static String deadLead(String locationId, String key, int n) throws Exception {
        Http.Answer accepted = Http.postJson(bridge.url("/webhooks/networx/leads/" + key), LeadSender.lead(n));
        assertThat(accepted.status()).isEqualTo(202);
        long eventId = accepted.json().path("eventId").asLong();
        InboxStore inbox = bridge.bean("inbox", InboxStore.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow().equals("dead"));
        try (Connection c = bridge.bean("database", Database.class).connection();
             PreparedStatement ps = c.prepareStatement("SELECT last_error FROM inbox_event WHERE id = ?")) {
            ps.setLong(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
