package org.nxhl.bridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.oauth.OAuthLocations;
import org.nxhl.bridge.oauth.StoredToken;
import org.nxhl.bridge.oauth.TokenStore;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.NetworxEvents;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.SandboxOAuth;
import org.slf4j.LoggerFactory;

/** Whatever the bridge does or refuses, its log names no token, secret or person. */
class LogsKeepSecretsOutTest {

    private static final String EMAIL = "morgan.hale@example.net";
    private static final String PHONE = "2135550190";

    @Test
    void anInstallARefreshALeadAndRefusedRequestsLeaveNoTokenSecretOrPersonInTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        List<String> secrets = new ArrayList<>();
        try (RunningBridge bridge = RunningBridge.start(OAuthLocations.settings())) {
            SandboxOAuth sandbox = new SandboxOAuth(bridge.url(""));
            sandbox.accessTokenLifetime(2);
            assertThat(SandboxOAuth.install(bridge.url(""), "north").body()).contains("connected");
            sandbox.accessTokenLifetime(3600);
            TokenStore store = bridge.bean("tokenStore", TokenStore.class);
            StoredToken installed = store.find("north").orElseThrow();
            Thread.sleep(2_200);

            // a lead for north, on an expired token: the bridge refreshes it on the way
            ObjectNode lead = Samples.object("lead.json").put("lead_id", "80000001").put("email", EMAIL)
                    .put("phone", PHONE).put("first_name", "Morgan").put("last_name", "Halewood");
            String intake = bridge.url("/webhooks/networx/leads/" + OAuthLocations.intakeKey("north"));
            assertThat(Http.postJson(intake, lead.toString()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bean("contactLinks", ContactLinks.class)
                    .contactOfLead("north", "80000001").isPresent());
            StoredToken refreshed = store.find("north").orElseThrow();
            assertThat(refreshed.generation()).isGreaterThan(installed.generation());

            // refused: a wrong key, a body that is not JSON, a Networx event with a bad signature
            String wrongKey = bridge.url("/webhooks/networx/leads/not-" + OAuthLocations.intakeKey("north"));
            assertThat(Http.postJson(wrongKey, lead.toString()).status()).isEqualTo(404);
            assertThat(Http.postJson(intake, "{\"email\":\"" + EMAIL + "\",").status()).isEqualTo(400);
            assertThat(Http.send("POST", bridge.url("/webhooks/networx/events/sandbox"),
                    Samples.text("note-created.json"), "Content-Type", "application/json",
                    "webhook-id", "msg_1", "webhook-timestamp",
                    String.valueOf(System.currentTimeMillis() / 1000),
                    "webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl").status()).isEqualTo(401);

            secrets.addAll(List.of(installed.accessToken(), installed.refreshToken(), refreshed.accessToken(),
                    refreshed.refreshToken(), OAuthLocations.intakeKey("north"), "sandbox-secret",
                    "sandbox-admin-token", "sandbox-pit", NetworxEvents.EVENT_SECRET,
                    NetworxEvents.CALLBACK_SECRET,
                    EMAIL, PHONE, "+1" + PHONE, "Halewood"));
        } finally {
            root.detachAppender(log);
        }

        List<String> lines = log.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).as("the log of the run").anyMatch(l -> l.startsWith("lead 80000001 → contact "));
        for (String secret : secrets) {
            assertThat(lines).as("log lines holding a secret or personal detail")
                    .noneMatch(line -> line.contains(secret));
        }
    }
}
