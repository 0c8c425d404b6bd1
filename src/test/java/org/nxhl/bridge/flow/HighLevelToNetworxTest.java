package org.nxhl.bridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.HighLevelSide;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.Sandbox;

/** Changes made in the sandbox's HighLevel reach its Networx side through signed webhooks and the bridge. */
@Tag("store")
class HighLevelToNetworxTest {

    private static RunningBridge bridge;
    private static HighLevelSide highLevel;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("reconcile.enabled", "false"));
        highLevel = new HighLevelSide(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aTaskCompletedInHighLevelReachesNetworxAsASignedConfirmationWithItsLead() throws Exception {
        assertThat(new Sandbox(bridge).deliverLead(Samples.text("lead.json")).json().path("status").asInt())
                .isEqualTo(202);
        String contactId = await().atMost(Duration.ofSeconds(5)).until(() -> contactOfLead("12345678"),
                id -> id != null);
        String taskId = highLevel.ok("POST", "/contacts/" + contactId + "/tasks",
                "{\"title\":\"Measure the deck\",\"dueDate\":\"2030-01-01T10:00:00Z\",\"completed\":false}")
                .path("task").path("id").asText();
        highLevel.ok("PUT", "/contacts/" + contactId + "/tasks/" + taskId + "/completed",
                "{\"completed\":true}");

        List<JsonNode> confirmations = await().atMost(Duration.ofSeconds(5)).until(
                () -> highLevel.callbacksAbout("highlevel.task.completed", contactId),
                list -> !list.isEmpty());
        JsonNode callback = confirmations.get(0);
        JsonNode data = callback.path("json").path("data");
        assertThat(data.path("taskId").asText()).isEqualTo(taskId);
        assertThat(data.path("leadId").asText()).isEqualTo("12345678");
        assertThat(data.path("title").asText()).isEqualTo("Measure the deck");
        new Webhook(bridge.camel().resolvePropertyPlaceholders("{{networx.callback.secret}}")).verify(
                callback.path("body").asText(), HttpHeaders.of(Map.of(
                        "webhook-id", List.of(callback.path("webhookId").asText()),
                        "webhook-timestamp", List.of(callback.path("webhookTimestamp").asText()),
                        "webhook-signature", List.of(callback.path("webhookSignature").asText())),
                        (a, b) -> true)
                        .map());
        Thread.sleep(500);
        assertThat(highLevel.callbacksAbout("highlevel.task.completed", contactId)).hasSize(1);
    }

    @Test
    void aJobStatusThatBecomesWonFiresItsRuleOnceAndRetagsTheContact() throws Exception {
        String contactId = highLevel.createContact("won@example.com", "prospect");
        highLevel.setJobStatus(contactId, "Open");
        highLevel.setJobStatus(contactId, "Won");

        List<JsonNode> changes = await().atMost(Duration.ofSeconds(5)).until(
                () -> highLevel.callbacksAbout("highlevel.contact.tags_changed", contactId),
                list -> !list.isEmpty());
        JsonNode data = changes.get(0).path("json").path("data");
        assertThat(data.path("rule").asText()).isEqualTo("job-won");
        assertThat(data.path("added")).extracting(JsonNode::asText).containsExactly("customer");
        assertThat(data.path("removed")).extracting(JsonNode::asText).containsExactly("prospect");
        await().atMost(Duration.ofSeconds(5)).until(
                () -> highLevel.tags(contactId), tags -> tags.contains("customer"));
        assertThat(highLevel.tags(contactId)).doesNotContain("prospect");

        // the same value again, and the tag echo of the rule's own change, fire nothing more
        highLevel.setJobStatus(contactId, "Won");
        highLevel.ok("PUT", "/contacts/" + contactId, "{\"lastName\":\"Again\"}");
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(300)).until(highLevel::idle);
        assertThat(highLevel.callbacksAbout("highlevel.contact.tags_changed", contactId)).hasSize(1);
    }

    @Test
    void anOrdinaryUpdateThatChangesNoRuleInputSendsNothing() throws Exception {
        String contactId = highLevel.createContact("plain@example.com", "prospect");
        highLevel.ok("PUT", "/contacts/" + contactId, "{\"firstName\":\"Renamed\",\"city\":\"Austin\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> highLevel.count("SELECT COUNT(*) FROM contact_state"
                + " WHERE contact_id = ? AND state LIKE '%Renamed%'", contactId) == 1);
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(300)).until(highLevel::idle);
        assertThat(highLevel.callbacksAbout("highlevel.contact.tags_changed", contactId)).isEmpty();
        assertThat(highLevel.tags(contactId)).containsExactly("prospect");
    }

    @Test
    void doNotDisturbTurnedOnAddsTheDoNotContactTag() throws Exception {
        String contactId = highLevel.createContact("dnd@example.com");
        highLevel.ok("PUT", "/contacts/" + contactId, "{\"dnd\":true}");
        List<JsonNode> changes = await().atMost(Duration.ofSeconds(5)).until(
                () -> highLevel.callbacksAbout("highlevel.contact.tags_changed", contactId),
                list -> !list.isEmpty());
        assertThat(changes.get(0).path("json").path("data").path("rule").asText()).isEqualTo(
                "do-not-contact");
        await().atMost(Duration.ofSeconds(5)).until(() -> highLevel.tags(contactId),
                tags -> tags.contains("do-not-contact"));
    }

    private static String contactOfLead(String leadId) throws Exception {
        return bridge.bean("contactLinks", org.nxhl.bridge.store.ContactLinks.class)
                .contactOfLead(HighLevelSide.LOCATION, leadId).orElse(null);
    }
}
