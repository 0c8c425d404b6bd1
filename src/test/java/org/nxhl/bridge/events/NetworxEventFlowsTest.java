package org.nxhl.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.sandbox.HighLevelContract;
import org.nxhl.bridge.sandbox.SandboxResponse;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.support.HighLevelExchanges;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Inbox;
import org.nxhl.bridge.support.InboxRows;
import org.nxhl.bridge.support.NetworxEvents;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.Sandbox;

/** The three Networx event flows end to end: signed event in, HighLevel calls, callback out. */
class NetworxEventFlowsTest {

    private static final Duration LEAD_WAIT = Duration.ofSeconds(4);
    private static RunningBridge bridge;
    private static Sandbox sandbox;
    private static NetworxEvents networx;
    private static InboxRows inbox;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("networx.events.lead-wait", LEAD_WAIT.toString(),
                "networx.events.lead-retry", "PT0.2S", "networx.events.task-due-in", "PT48H"));
        sandbox = new Sandbox(bridge);
        networx = new NetworxEvents(bridge);
        inbox = new InboxRows(bridge);
        contactOfLead(Samples.object("lead.json"));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aNoteBecomesOneOpenTaskWithTheNotesTitleBodyAndDueDate() throws Exception {
        String contactId = contactOfLead(Samples.object("lead.json"));
        Http.Answer posted = networx.post(Samples.text("note-created.json"));
        assertThat(posted.status()).isEqualTo(202);

        JsonNode task = await().atMost(Duration.ofSeconds(5))
                .until(() -> taskTitled(contactId, "Call back about the deck estimate"), t -> t != null);
        assertThat(task.path("body").asText()).isEqualTo(
                "Customer prefers calls after 5pm and wants composite boards.\n\n(Networx note nx-note-5521)");
        assertThat(Instant.parse(task.path("dueDate").asText()))
                .isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
        assertThat(task.path("completed").asBoolean()).isFalse();
        JsonNode sent = lastRequest("POST", "/contacts/" + contactId + "/tasks");
        assertThat(sent.path("dueDate").asText()).isEqualTo("2026-12-01T22:00:00Z");
        assertThat(sent.path("completed").isBoolean()).isTrue();
    }

    @Test
    void theSameNoteSentAgainAsANewEventMakesNoSecondTask() throws Exception {
        ObjectNode lead = lead("55500009", "2135550109", "robin@example.org");
        String contactId = contactOfLead(lead);
        ObjectNode note = Samples.object("note-created.json");
        ((ObjectNode) note.path("data")).put("leadId", "55500009").put("noteId", "nx-note-twice")
                .put("taskTitle", "Only once");
        long before = Inbox.events(bridge, "networx.note.created", "done");
        assertThat(networx.post(note.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> taskTitled(contactId, "Only once") != null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Inbox.events(bridge, "networx.note.created", "done") == before + 1);
        assertThat(networx.post(note.toString()).status()).as("a new webhook-id").isEqualTo(202);
        // the second event ends done, with the task the first one made
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Inbox.events(bridge, "networx.note.created", "done") == before + 2);
        Thread.sleep(1_000);
        long tasks = iterable(sandboxContact(contactId).path("tasks")).stream()
                .filter(t -> "Only once".equals(t.path("title").asText())).count();
        assertThat(tasks).isEqualTo(1);
    }

    @Test
    void aNoteWithoutDueDateIsDueAfterTheConfiguredDelayWithoutMilliseconds() throws Exception {
        ObjectNode lead = lead("55500001", "2135550101", "dana@example.org");
        String contactId = contactOfLead(lead);
        ObjectNode event = Samples.object("note-created.json");
        ((ObjectNode) event.get("data")).put("leadId", "55500001").put("taskTitle", "Send the quote")
                .remove("dueDate");
        Instant before = Instant.now();
        assertThat(networx.post(event.toString()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).until(() -> taskTitled(contactId, "Send the quote") != null);
        String due = lastRequest("POST", "/contacts/" + contactId + "/tasks").path("dueDate").asText();
        assertThat(due).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Instant.parse(due)).isBetween(before.plus(Duration.ofHours(48)).minusSeconds(1),
                Instant.now().plus(Duration.ofHours(48)));
    }

    @Test
    void aNewerNetworxChangeWritesOnlyTheChangedFieldsAndReportsTheMergedContactWithOpenTasks()
            throws Exception {
        ObjectNode lead = lead("55500002", "2135550102", "old.address@example.org");
        String contactId = contactOfLead(lead);
        ObjectNode note = Samples.object("note-created.json");
        ((ObjectNode) note.get("data")).put("leadId", "55500002");
        networx.post(note.toString());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> taskTitled(contactId, "Call back about the deck estimate") != null);

        ObjectNode event = Samples.object("contact-updated.json");
        ((ObjectNode) event.get("data")).put("leadId", "55500002")
                .put("lastUpdated", Instant.now().plusSeconds(1).toString());
        ((ObjectNode) event.at("/data/changes")).put("firstName", "Zapier").putArray("tags").add("vip");
        assertThat(networx.post(event.toString()).status()).isEqualTo(202);

        JsonNode callback = await().atMost(Duration.ofSeconds(5))
                .until(() -> syncedFor(contactId), c -> c != null);
        JsonNode data = callback.path("data");
        assertThat(data.path("newer").asText()).isEqualTo("networx");
        assertThat(texts(data.path("updatedFields"))).containsExactlyInAnyOrder("email", "phone");
        assertThat(texts(data.path("ignoredFields"))).containsExactly("tags");
        assertThat(data.path("leadId").asText()).isEqualTo("55500002");
        assertThat(data.path("status").asText()).isEqualTo("estimate_scheduled");
        assertThat(data.at("/contact/email").asText()).isEqualTo("pat.rivera@example.net");
        assertThat(data.at("/contact/phone").asText()).isEqualTo("+12135550147");
        assertThat(data.path("openTasks")).hasSize(1);
        assertThat(data.at("/openTasks/0/title").asText()).isEqualTo("Call back about the deck estimate");

        JsonNode put = lastRequest("PUT", "/contacts/" + contactId);
        assertThat(fieldNames(put)).containsExactlyInAnyOrder("email", "phone");
        JsonNode contact = sandboxContact(contactId);
        assertThat(contact.path("email").asText()).isEqualTo("pat.rivera@example.net");
        assertThat(texts(contact.path("tags"))).containsExactlyInAnyOrder("networx", "carpentry");
    }

    @Test
    void anOlderNetworxChangeWritesNothingAndReportsHighLevelsContact() throws Exception {
        ObjectNode lead = lead("55500003", "2135550103", "keep.me@example.org");
        String contactId = contactOfLead(lead);
        ObjectNode event = Samples.object("contact-updated.json");
        ((ObjectNode) event.get("data")).put("leadId", "55500003");
        assertThat(networx.post(event.toString()).status()).isEqualTo(202);

        JsonNode callback = await().atMost(Duration.ofSeconds(5))
                .until(() -> syncedFor(contactId), c -> c != null);
        assertThat(callback.at("/data/newer").asText()).isEqualTo("highlevel");
        assertThat(callback.at("/data/updatedFields")).isEmpty();
        assertThat(callback.at("/data/contact/email").asText()).isEqualTo("keep.me@example.org");
        assertThat(bridge.highLevelExchanges().matching("PUT", "/contacts/" + contactId)).isEmpty();
        assertThat(bridge.highLevelExchanges().matching("GET", "/contacts/" + contactId + "/tasks"))
                .hasSize(1);
    }

    @Test
    void aBulkTaggingAddsEachContactsTagsInOneCallAndReportsAnUnprocessedLeadAsFailed() throws Exception {
        String contactId = contactOfLead(Samples.object("lead.json"));
        Http.Answer posted = networx.post(Samples.text("tags-bulk-completed.json"));
        assertThat(posted.status()).isEqualTo(202);

        // lead 12345679 never arrives: the event waits the lead wait, then reports it failed
        JsonNode callback = await().atMost(LEAD_WAIT.plusSeconds(5))
                .until(() -> callbackOf("bulk-7f3c"), c -> c != null);
        JsonNode data = callback.path("data");
        assertThat(data.path("operationId").asText()).isEqualTo("bulk-7f3c");
        assertThat(data.path("applied")).hasSize(1);
        assertThat(data.at("/applied/0/contactId").asText()).isEqualTo(contactId);
        assertThat(texts(data.at("/applied/0/tags"))).containsExactly("deck", "high-intent");
        assertThat(data.path("failed")).hasSize(1);
        assertThat(data.at("/failed/0/leadId").asText()).isEqualTo("12345679");
        assertThat(data.at("/failed/0/reason").asText()).contains("no HighLevel contact");

        // the lead flow added the lead's own tags before; the bulk tagging made one call of its own
        assertThat(bridge.highLevelExchanges().matching("POST", "/contacts/" + contactId + "/tags"))
                .filteredOn(e -> !e.body().contains("networx")).singleElement()
                .satisfies(e -> assertThat(e.body()).contains("deck", "high-intent"));
        assertThat(texts(sandboxContact(contactId).path("tags"))).contains("networx", "deck", "high-intent");
    }

    @Test
    void aContactHighLevelRefusesIsReportedFailedWhileTheOthersAreTagged() throws Exception {
        String contactId = contactOfLead(lead("55500004", "2135550104", "bulk@example.org"));
        String event = """
                {"type":"tags.bulk_completed","timestamp":"2026-11-30T17:02:10Z",
                 "data":{"operationId":"bulk-two","results":[{"contactId":"%s","tagName":"roof"},
                 {"contactId":"noSuchContact0000001","tagName":"roof"}]}}
                """.formatted(contactId);
        assertThat(networx.post(event).status()).isEqualTo(202);

        JsonNode data = await().atMost(Duration.ofSeconds(5))
                .until(() -> callbackOf("bulk-two"), c -> c != null).path("data");
        assertThat(data.at("/applied/0/contactId").asText()).isEqualTo(contactId);
        assertThat(data.at("/failed/0/contactId").asText()).isEqualTo("noSuchContact0000001");
        assertThat(data.at("/failed/0/reason").asText()).contains("HighLevel answered 400");
    }

    @Test
    void anEventBeforeItsLeadWaitsForItAndOneWhoseLeadNeverComesIsDeadWithThatReason() throws Exception {
        ObjectNode early = Samples.object("note-created.json");
        ((ObjectNode) early.get("data")).put("leadId", "55500005").put("taskTitle", "Early note");
        assertThat(networx.post(early.toString()).status()).isEqualTo(202);
        ObjectNode orphan = Samples.object("note-created.json");
        ((ObjectNode) orphan.get("data")).put("leadId", "55500099").put("taskTitle", "Orphan note");
        long orphanId = networx.post(orphan.toString()).json().path("eventId").asLong();

        Thread.sleep(500);
        String contactId = contactOfLead(lead("55500005", "2135550105", "late@example.org"));
        await().atMost(Duration.ofSeconds(5)).until(() -> taskTitled(contactId, "Early note") != null);

        await().atMost(LEAD_WAIT.plusSeconds(5)).until(() -> "dead".equals(inbox.status(orphanId)));
        assertThat(inbox.lastError(orphanId))
                .contains("lead 55500099 has no HighLevel contact", "after waiting");
    }

    @Test
    void callbacksAreSignedWithTheCallbackSecretAndStoredOncePerEventAndType() throws Exception {
        String contactId = contactOfLead(lead("55500006", "2135550106", "signed@example.org"));
        ObjectNode event = Samples.object("contact-updated.json");
        ((ObjectNode) event.get("data")).put("leadId", "55500006");
        networx.post(event.toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> syncedFor(contactId) != null);

        // networx.callbacks(...) verifies each signature; a callback signed otherwise fails it
        Http.Answer all = Http.get(bridge.url("/sandbox/networx/callbacks?type=highlevel.contact.synced"));
        JsonNode mine = null;
        for (JsonNode c : all.json().path("callbacks")) {
            if (c.path("body").asText().contains(contactId)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("webhookId").asText()).startsWith("msg_");
        assertThat(mine.path("type").asText()).isEqualTo("highlevel.contact.synced");
        assertThat(inbox.count("networx.callback")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anExchangeOffTheSpecFailsTheContractCheck() {
        HighLevelExchanges exchanges = new HighLevelExchanges();
        Map<String, String> headers = Map.of("Version", "2021-07-28", "Authorization", "Bearer x",
                "Content-Type", "application/json");
        exchanges.exchanged("POST", "/contacts/abc/tasks", Map.of(), headers, "{\"title\":1}".getBytes(),
                SandboxResponse.json(201, Map.of("task", Map.of())));
        assumeTrue(HighLevelContract.available(), "the HighLevel spec is not beside this clone");
        assertThatThrownBy(exchanges::checkAgainstSpec)
                .isInstanceOf(AssertionError.class).hasMessageContaining("break the spec");
    }

    private static ObjectNode lead(String leadId, String phone, String email) {
        return Samples.object("lead.json").put("lead_id", leadId).put("phone", phone).put("email", email);
    }

    /** Delivers the lead (a repeat is a duplicate) and waits until the bridge links it to a contact. */
    private static String contactOfLead(ObjectNode lead) throws Exception {
        sandbox.deliverLead(lead.toString());
        ContactLinks links = bridge.bean("contactLinks", ContactLinks.class);
        String leadId = lead.path("lead_id").asText();
        return await().atMost(Duration.ofSeconds(5))
                .until(() -> links.contactOfLead("sandbox", leadId).orElse(null), id -> id != null);
    }

    private static JsonNode sandboxContact(String contactId) throws Exception {
        for (JsonNode contact : sandbox.contacts("sandbox")) {
            if (contactId.equals(contact.path("id").asText())) {
                return contact;
            }
        }
        return null;
    }

    private static JsonNode taskTitled(String contactId, String title) throws Exception {
        JsonNode contact = sandboxContact(contactId);
        for (JsonNode task : contact == null ? List.<JsonNode>of() : iterable(contact.path("tasks"))) {
            if (title.equals(task.path("title").asText())) {
                return task;
            }
        }
        return null;
    }

    private static JsonNode syncedFor(String contactId) throws Exception {
        for (JsonNode callback : networx.callbacks("highlevel.contact.synced")) {
            if (contactId.equals(callback.at("/data/contactId").asText())) {
                return callback;
            }
        }
        return null;
    }

    private static JsonNode callbackOf(String operationId) throws Exception {
        for (JsonNode callback : networx.callbacks("highlevel.tags.applied")) {
            if (operationId.equals(callback.at("/data/operationId").asText())) {
                return callback;
            }
        }
        return null;
    }

    private static JsonNode lastRequest(String method, String path) throws Exception {
        List<HighLevelExchanges.Exchange> found = bridge.highLevelExchanges().matching(method, path);
        assertThat(found).as(method + " " + path).isNotEmpty();
        return Http.JSON.readTree(found.get(found.size() - 1).body());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
