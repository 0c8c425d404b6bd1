package org.nxhl.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.InboxRows;
import org.nxhl.bridge.support.NetworxEvents;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;

@Tag("store")
class NetworxEventIntakeTest {

    private static RunningBridge bridge;
    private static NetworxEvents networx;
    private static InboxRows inbox;

    @BeforeAll
    static void start() throws Exception {
        // a dispatcher that never polls keeps stored events in place for the counts below
        bridge = RunningBridge.start(Map.of("networx.subscribe-on-start", "false", "inbox.workers", "1",
                "inbox.poll-interval", "PT1H"));
        networx = new NetworxEvents(bridge);
        inbox = new InboxRows(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aSignedEventIsStoredThenAnsweredAndAReplayedWebhookIdIsADuplicate() throws Exception {
        String event = Samples.text("note-created.json");
        String id = "msg_" + UUID.randomUUID();
        Http.Answer first = networx.post(event, id, Instant.now());
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("status").asText()).isEqualTo("accepted");
        assertThat(first.json().path("type").asText()).isEqualTo("note.created");
        long stored = inbox.count();

        Http.Answer replay = networx.post(event, id, Instant.now());
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(inbox.count()).isEqualTo(stored);
    }

    @Test
    void everySampleEventIsAccepted() throws Exception {
        List<String> samples = List.of("contact-updated.json", "note-created.json", "tags-bulk-completed.json");
        for (String sample : samples) {
            assertThat(networx.post(Samples.text(sample)).status()).as(sample).isEqualTo(202);
        }
    }

    @Test
    void aNoteWithoutTaskTitleIsRefused() throws Exception {
        ObjectNode event = Samples.object("note-created.json");
        ((ObjectNode) event.get("data")).remove("taskTitle");
        assertRefused(() -> networx.post(event.toString()), 422, "missing_task_title");
    }

    @Test
    void anEventWithNeitherContactIdNorLeadIdIsRefused() throws Exception {
        ObjectNode note = Samples.object("note-created.json");
        ((ObjectNode) note.get("data")).remove("leadId");
        assertRefused(() -> networx.post(note.toString()), 422, "missing_contact");
        ObjectNode update = Samples.object("contact-updated.json");
        ((ObjectNode) update.get("data")).remove("leadId");
        assertRefused(() -> networx.post(update.toString()), 422, "missing_contact");
        ObjectNode bulk = Samples.object("tags-bulk-completed.json");
        ((ObjectNode) bulk.at("/data/results/1")).remove("leadId");
        assertRefused(() -> networx.post(bulk.toString()), 422, "missing_contact");
    }

    @Test
    void aContactIdThatWouldChangeHighLevelsPathIsRefused() throws Exception {
        for (String id : new String[] {"abc def", "../locations/x", "a?b=c", "a/b"}) {
            ObjectNode note = Samples.object("note-created.json");
            ((ObjectNode) note.get("data")).put("contactId", id);
            assertRefused(() -> networx.post(note.toString()), 422, "bad_contact_id");
        }
        ObjectNode bulk = Samples.object("tags-bulk-completed.json");
        ((ObjectNode) bulk.at("/data/results/0")).put("contactId", "x%2Fy");
        assertRefused(() -> networx.post(bulk.toString()), 422, "bad_contact_id");
    }

    @Test
    void anUnknownEventTypeIsRefused() throws Exception {
        ObjectNode event = Samples.object("note-created.json").put("type", "note.deleted");
        assertRefused(() -> networx.post(event.toString()), 422, "unknown_event_type");
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        String event = Samples.text("note-created.json");
        String id = "msg_" + UUID.randomUUID();
        String signed = new com.standardwebhooks.Webhook(NetworxEvents.EVENT_SECRET)
                .sign(id, Instant.now().getEpochSecond(), event);
        String now = Long.toString(Instant.now().getEpochSecond());
        // one byte changed after signing: the signature covers the raw body
        String tampered = event.replace("5pm", "6pm");
        assertRefused(() -> Http.postJson(networx.url(), tampered, "webhook-id", id, "webhook-timestamp", now,
                "webhook-signature", signed), 401, "invalid_signature");
        String otherSecret = new com.standardwebhooks.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .sign(id, Instant.now().getEpochSecond(), event);
        assertRefused(() -> Http.postJson(networx.url(), event, "webhook-id", id, "webhook-timestamp", now,
                "webhook-signature", otherSecret), 401, "invalid_signature");
        assertRefused(() -> Http.postJson(networx.url(), event), 401, "missing_signature");
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedEvenWhenCorrectlySigned() throws Exception {
        String event = Samples.text("note-created.json");
        assertRefused(() -> networx.post(event, "msg_" + UUID.randomUUID(),
                Instant.now().minus(Duration.ofMinutes(6))), 401, "stale_timestamp");
        assertRefused(() -> networx.post(event, "msg_" + UUID.randomUUID(),
                Instant.now().plus(Duration.ofMinutes(6))), 401, "stale_timestamp");
    }

    @Test
    void aLocationWithoutAnEventSecretIsUnknown() throws Exception {
        String event = Samples.text("note-created.json");
        assertRefused(() -> Http.postJson(bridge.url("/webhooks/networx/events/elsewhere"), event),
                404, "unknown_location");
    }

    private static void assertRefused(Call call, int status, String error) throws Exception {
        long before = inbox.count();
        Http.Answer answer = call.send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").asText()).isEqualTo(error);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(inbox.count()).isEqualTo(before);
    }

    @FunctionalInterface
    private interface Call {
        Http.Answer send() throws Exception;
    }
}
