package org.nxhl.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Inbox;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Sandbox;

@Tag("store")
class DeadLetterAdminTest {

    private static final String KEY = "sandbox-0f6c2b9e4d7a41c8b35e";
    private static final String ADMIN = "admin-test-token-5c1d";
    private static final String NOT_YET_VALID = "pit-the-sandbox-does-not-know-yet";
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of(
                "admin.token", ADMIN,
                "location.sandbox.private-token", NOT_YET_VALID,
                "networx.subscribe-on-start", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void deadLettersCanBeListedInspectedAndReplayedOnceTheCauseIsFixed() throws Exception {
        LeadSender sender = new LeadSender(() -> bridge.url("/webhooks/networx/leads/" + KEY));
        sender.sendAll(3, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.leads(bridge, "dead") == 3);

        assertThat(Http.get(bridge.url("/admin/dead-letters")).status()).isEqualTo(401);
        assertThat(Http.get(bridge.url("/admin/dead-letters"), "Authorization", "Bearer wrong").status())
                .isEqualTo(401);

        JsonNode dead = admin("GET", "/admin/dead-letters?type=networx.lead&location=sandbox").json();
        assertThat(dead.path("deadLetters")).hasSize(3);
        JsonNode first = dead.path("deadLetters").get(0);
        assertThat(first.path("lastError").asText()).contains("HighLevel answered 401", "Invalid JWT");

        JsonNode event = admin("GET", "/admin/events/" + first.path("id").asLong()).json();
        assertThat(event.path("status").asText()).isEqualTo("dead");
        assertThat(event.path("body").path("lead_id").asText()).startsWith("L1");
        assertThat(event.path("attempts")).hasSize(1);
        assertThat(event.path("attempts").get(0).path("result").asText()).isEqualTo("dead");
        assertThat(admin("GET", "/admin/events/999999").status()).isEqualTo(404);
        assertThat(admin("GET", "/admin/events/abc").status()).isEqualTo(400);

        Http.Answer grant = Http.postJson(bridge.url("/sandbox/control/tokens"), "{\"token\":\"" + NOT_YET_VALID
                + "\",\"locationId\":\"sandbox\",\"scopes\":[\"contacts.readonly\",\"contacts.write\"]}");
        assertThat(grant.status() / 100).isEqualTo(2);

        assertThat(admin("POST", "/admin/dead-letters/" + first.path("id").asLong() + "/replay")
                .json().path("replayed").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.leads(bridge, "done") == 1);
        assertThat(admin("POST", "/admin/dead-letters/" + first.path("id").asLong() + "/replay").status())
                .as("an event that is no dead letter").isEqualTo(409);
        assertThat(admin("POST", "/admin/dead-letters/999999/replay").status()).isEqualTo(404);
        assertThat(Http.send("POST", bridge.url("/admin/dead-letters/replay"), null,
                "Authorization", "bearer " + ADMIN, "all", "true").status())
                .as("a filter given as a header, not in the query").isEqualTo(400);
        assertThat(admin("POST", "/admin/dead-letters/replay").status()).isEqualTo(400);
        assertThat(admin("POST", "/admin/dead-letters/replay?location=sandbox").json().path("replayed").asInt())
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.leads(bridge, "done") == 3);
        assertThat(new Sandbox(bridge).contacts("sandbox")).hasSize(3);
    }

    private static Http.Answer admin(String method, String path) throws Exception {
        return Http.send(method, bridge.url(path), null, "Authorization", "Bearer " + ADMIN);
    }
}
