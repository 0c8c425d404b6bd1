package org.nxhl.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.RunningBridge;

/**
 * Every HighLevel action of the catalog, run as a flow step would run it against the sandbox; the
 * running bridge checks each request and answer against the official spec when it closes.
 */
class CatalogActionsTest {

    private static RunningBridge bridge;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        // without the sandbox's own webhooks, whose tag-rule flow would add calls of its own to the count
        bridge = RunningBridge.start(Map.of("networx.subscribe-on-start", "false", "sandbox.ghl.webhooks.url", ""));
        template = bridge.camel().createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        template.stop();
        bridge.close();
    }

    @Test
    void everyContactTaskNoteAndTagActionWorksAgainstTheSandbox() {
        Map<?, ?> created = run("highlevel-create-contact-action", Map.of(), Map.of("locationId", "sandbox",
                "firstName", "Robin", "email", "robin@example.org", "phone", "+12135550177"));
        String contactId = ((Map<?, ?>) created.get("contact")).get("id").toString();
        Map<String, Object> contact = Map.of("contactId", contactId);

        assertThat(run("highlevel-upsert-contact-action", Map.of(), Map.of("locationId", "sandbox",
                "email", "robin@example.org", "lastName", "Hale")).get("new")).isEqualTo(false);
        assertThat(run("highlevel-get-contact-action", contact, null).toString()).contains("Hale");
        assertThat(run("highlevel-update-contact-action", contact, Map.of("companyName", "Hale Homes"))
                .get("succeded")).isEqualTo(true);
        assertThat(run("highlevel-search-contacts-action", Map.of(), Map.of("locationId", "sandbox",
                "pageLimit", 10)).get("total")).isEqualTo(1);
        assertThat((List<?>) run("highlevel-list-contacts-action", Map.of(), null).get("contacts"))
                .hasSize(1);
        assertThat(run("highlevel-list-business-contacts-action", Map.of("businessId", "none"), null)
                .keySet()).contains("contacts");
        assertThat(run("highlevel-add-tags-action", contact, Map.of("tags", List.of("a", "b")))
                .get("tags").toString()).isEqualTo("[a, b]");
        assertThat(run("highlevel-remove-tags-action", contact, Map.of("tags", List.of("a")))
                .get("tags").toString()).isEqualTo("[b]");
        assertThat(run("highlevel-get-appointments-action", contact, null).keySet()).contains("events");

        Map<?, ?> task = (Map<?, ?>) run("highlevel-create-task-action", contact, Map.of("title", "Call",
                "dueDate", "2026-12-24T15:00:00Z", "completed", false)).get("task");
        Map<String, Object> taskOf = Map.of("contactId", contactId, "taskId", task.get("id"));
        assertThat((List<?>) run("highlevel-list-tasks-action", contact, null).get("tasks")).hasSize(1);
        assertThat(run("highlevel-get-task-action", taskOf, null).toString()).contains("Call");
        assertThat(run("highlevel-update-task-action", taskOf, Map.of("title", "Call again")).toString())
                .contains("Call again");
        assertThat(((Map<?, ?>) run("highlevel-complete-task-action", taskOf, null).get("task"))
                .get("completed")).isEqualTo(true);
        assertThat(run("highlevel-delete-task-action", taskOf, null).get("succeded")).isEqualTo(true);

        Map<?, ?> note = (Map<?, ?>) run("highlevel-create-note-action", contact, Map.of("body", "hello"))
                .get("note");
        Map<String, Object> noteOf = Map.of("contactId", contactId, "noteId", note.get("id"));
        assertThat((List<?>) run("highlevel-list-notes-action", contact, null).get("notes")).hasSize(1);
        assertThat(run("highlevel-get-note-action", noteOf, null).toString()).contains("hello");
        assertThat(run("highlevel-update-note-action", noteOf, Map.of("body", "hello again")).toString())
                .contains("hello again");
        assertThat(run("highlevel-delete-note-action", noteOf, null).get("succeded")).isEqualTo(true);

        assertThat(run("highlevel-delete-contact-action", contact, null).get("succeded")).isEqualTo(true);
        assertThat(bridge.highLevelExchanges().all()).hasSize(22);
    }

    /** Sends the body to the Kamelet with the given headers, for the sandbox location, as one event. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String kamelet, Map<String, Object> headers, Object body) {
        Exchange exchange = new DefaultExchange(bridge.camel());
        exchange.getMessage().setHeader("LocationId", "sandbox");
        exchange.getMessage().setHeader("InboxEventId", 990_001L);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
        Exchange done = template.send("kamelet:" + kamelet, exchange);
        assertThat(done.getException()).as(kamelet).isNull();
        return (Map<String, Object>) done.getMessage().getBody(Map.class);
    }
}
