package org.nxhl.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.highlevel.HighLevelHeaders;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.SandboxOAuth;

@Tag("store")
class TokenRefreshTest {

    private static RunningBridge bridge;
    private static SandboxOAuth sandbox;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(OAuthLocations.settings());
        sandbox = new SandboxOAuth(bridge.url(""));
        sandbox.unlimitedRate();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void fiftyConcurrentCallsOnAnExpiredTokenMakeExactlyOneRefreshAndAllSucceed() throws Exception {
        installWithExpiredToken("north");

        HighLevelClient highLevel = bridge.bean("highLevel", HighLevelClient.class);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            calls.add(pool.submit(() -> {
                Exchange exchange = upsert("north", n);
                go.await();
                highLevel.send(exchange);
                return exchange.getMessage().getHeader(HighLevelHeaders.STATUS, Integer.class);
            }));
        }
        go.countDown();
        for (Future<Integer> call : calls) {
            assertThat(call.get()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(sandbox.refreshes("north")).isEqualTo(1);
        assertThat(sandbox.calls("invalid_grant")).isZero();
        assertThat(sandbox.contacts("north")).hasSize(50);
    }

    @Test
    void aTokenHighLevelRejectsIsRefreshedOnceAndTheCallMadeAgain() throws Exception {
        assertThat(SandboxOAuth.install(bridge.url(""), "east").status()).isEqualTo(200);
        HighLevelClient highLevel = bridge.bean("highLevel", HighLevelClient.class);
        highLevel.send(upsert("east", 100));
        sandbox.expireTokens("east");

        Exchange exchange = upsert("east", 101);
        highLevel.send(exchange);

        assertThat(exchange.getMessage().getHeader(HighLevelHeaders.STATUS, Integer.class)).isEqualTo(200);
        assertThat(sandbox.refreshes("east")).isEqualTo(1);
        assertThat(sandbox.contacts("east")).hasSize(2);
    }

    @Test
    void aLostRefreshAnswerMarksTheLocationForReinstallOnceAndANewInstallResumesItsLeads() throws Exception {
        installWithExpiredToken("south");
        long refreshCallsBefore = sandbox.calls("token refresh_token");
        sandbox.dropNextTokenAnswer();

        String url = bridge.url("/webhooks/networx/leads/" + OAuthLocations.intakeKey("south"));
        Http.Answer accepted = Http.postJson(url, LeadSender.lead(7));
        assertThat(accepted.status()).isEqualTo(202);
        long eventId = accepted.json().path("eventId").asLong();
        TokenStore store = bridge.bean("tokenStore", TokenStore.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.find("south").orElseThrow().active());

        StoredToken waiting = store.find("south").orElseThrow();
        assertThat(waiting.status()).isEqualTo(StoredToken.NEEDS_REINSTALL);
        assertThat(waiting.reason()).contains("invalid_grant", "got no answer");
        assertThat(sandbox.calls("token refresh_token") - refreshCallsBefore).isEqualTo(2);
        Thread.sleep(3_000);
        assertThat(sandbox.calls("token refresh_token") - refreshCallsBefore).isEqualTo(2);
        InboxStore inbox = bridge.bean("inbox", InboxStore.class);
        assertThat(inbox.status(eventId)).contains("pending");
        assertThat(sandbox.contacts("south")).isEmpty();
        Http.Answer ready = Http.get(bridge.managementUrl("/observe/health/ready?exposureLevel=full"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("south", "needs_reinstall", "invalid_grant");

        assertThat(SandboxOAuth.install(bridge.url(""), "south").body()).contains("south is now connected");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow().equals("done"));
        assertThat(sandbox.contacts("south")).hasSize(1);
    }

    /** Installs with tokens that live two seconds, and waits until they are past the refresh margin. */
    private static void installWithExpiredToken(String locationId) throws Exception {
        sandbox.accessTokenLifetime(2);
        try {
            assertThat(SandboxOAuth.install(bridge.url(""), locationId).body())
                    .contains(locationId + " is now connected");
        } finally {
            sandbox.accessTokenLifetime(3600);
        }
        Thread.sleep(2_200);
    }

    private static Exchange upsert(String locationId, int n) {
        Exchange exchange = new DefaultExchange(bridge.camel());
        exchange.getMessage().setHeader(HighLevelHeaders.METHOD, "POST");
        exchange.getMessage().setHeader(HighLevelHeaders.PATH, "/contacts/upsert");
        exchange.getMessage().setHeader(InboxHeaders.LOCATION_ID, locationId);
        exchange.getMessage().setBody(Map.of("locationId", locationId, "firstName", "Person" + n,
                "email", "person" + n + "@example.org"));
        return exchange;
    }
}
