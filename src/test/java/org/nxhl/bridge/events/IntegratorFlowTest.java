package org.nxhl.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.support.NetworxEvents;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.Sandbox;

/**
 * An integrator's own flow, written in YAML only and loaded beside the stock ones in place of the
 * stock note flow, as docs/adding-a-flow.md shows: a note becomes a task and also tags the contact.
 */
class IntegratorFlowTest {

    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of(
                "camel.main.routes-include-pattern", "file:routes/*.yaml,classpath:flows/*.yaml",
                "camel.main.routes-exclude-pattern", "**/networx-note-to-task.camel.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aNoteBecomesATaskAndTagsItsContactThroughTheIntegratorsYaml() throws Exception {
        assertThat(bridge.camel().getRoute("networx-note-to-task-and-tag")).isNotNull();
        assertThat(bridge.camel().getRoute("networx-note-to-task")).isNull();
        Sandbox sandbox = new Sandbox(bridge);
        sandbox.deliverLead(Samples.text("lead.json"));
        String contactId = await().atMost(Duration.ofSeconds(5)).until(() -> bridge.bean("contactLinks",
                ContactLinks.class).contactOfLead("sandbox", "12345678").orElse(null), id -> id != null);

        assertThat(new NetworxEvents(bridge).post(Samples.text("note-created.json")).status()).isEqualTo(202);

        JsonNode contact = await().atMost(Duration.ofSeconds(5)).until(() -> contact(sandbox, contactId),
                c -> c != null && tags(c).contains("networx-note"));
        assertThat(contact.path("tasks")).hasSize(1);
        assertThat(contact.at("/tasks/0/title").asText()).isEqualTo("Call back about the deck estimate");
        assertThat(tags(contact)).contains("networx", "carpentry", "networx-note");
    }

    private static JsonNode contact(Sandbox sandbox, String contactId) throws Exception {
        return sandbox.contacts("sandbox").stream().filter(c -> contactId.equals(c.path("id").asText()))
                .findFirst().orElse(null);
    }

    private static List<String> tags(JsonNode contact) {
        List<String> tags = new ArrayList<>();
        contact.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }
}
