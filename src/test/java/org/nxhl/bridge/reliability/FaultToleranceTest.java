package org.nxhl.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Inbox;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.NetworxEvents;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Sandbox;
import org.nxhl.bridge.support.Samples;

@Tag("store")
class FaultToleranceTest {

    private static final String KEY = "sandbox-0f6c2b9e4d7a41c8b35e";
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of(
                "highlevel.timeout", "PT1S",
                "highlevel.rate-limit.max", "100000",
                "inbox.retry.first", "PT0.2S",
                "inbox.retry.cap", "PT2S",
                "networx.subscribe-on-start", "false",
                "sandbox.ghl.webhooks.url", ""));
        Http.send("PUT", bridge.url("/sandbox/control/rate-limit"),
                "{\"max\":100000,\"intervalMs\":10000,\"daily\":10000000}", "Content-Type", "application/json");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void withThirtyPercentOfCallsFailingEveryLeadEndsDoneAndNothingIsMadeTwice() throws Exception {
        Http.Answer faults = Http.send("PUT", bridge.url("/sandbox/control/faults"),
                "{\"errorShare\":0.1,\"dropShare\":0.1,\"timeoutShare\":0.1,\"timeoutMs\":1500}",
                "Content-Type", "application/json");
        assertThat(faults.status()).isEqualTo(200);

        new LeadSender(() -> bridge.url("/webhooks/networx/leads/" + KEY)).sendAll(500, 8);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Inbox.leads(bridge, "done") == 500);

        JsonNode journal = Http.get(bridge.url("/sandbox/control/calls?timestamps=false")).json();
        assertThat(journal.path("faults").toString()).contains("drop", "timeout");
        List<JsonNode> contacts = new Sandbox(bridge).contacts("sandbox");
        assertThat(contacts).hasSize(500);
        assertThat(contacts.stream().map(c -> c.path("email").asText()).distinct()).hasSize(500);
        assertThat(contacts).allSatisfy(c -> assertThat(c.path("notes")).hasSize(1));
        assertThat(Inbox.leads(bridge, "dead")).isZero();

        // a Networx note for each of 100 leads becomes one task, under the same faults
        NetworxEvents networx = new NetworxEvents(bridge);
        for (int i = 0; i < 100; i++) {
            ObjectNode note = Samples.object("note-created.json");
            ((ObjectNode) note.get("data")).put("leadId", "L" + (100000 + i)).put("noteId", "nx-note-" + i)
                    .remove("dueDate");
            assertThat(networx.post(note.toString()).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Inbox.events(bridge, "networx.note.created", "done") == 100);
        List<JsonNode> tasked = new Sandbox(bridge).contacts("sandbox");
        assertThat(tasked).filteredOn(c -> c.path("email").asText().matches("person\\d{1,2}@example.org"))
                .hasSize(100).allSatisfy(c -> assertThat(c.path("tasks")).hasSize(1));
        assertThat(tasked.stream().mapToInt(c -> c.path("tasks").size()).sum()).isEqualTo(100);
        assertThat(Inbox.events(bridge, "networx.note.created", "dead")).isZero();
    }
}
