package org.nxhl.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HighLevelTasksNotesTagsTest {

    private static SandboxServer server;
    private static GhlClient ghl;
    private String contactId;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.start();
        ghl = new GhlClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void createContact() throws Exception {
        server.highLevel().reset();
        contactId = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"t@example.com\","
                + "\"tags\":[\"first\"]}").json().at("/contact/id").asText();
    }

    @Test
    void tasksAreCreatedReadUpdatedCompletedAndDeleted() throws Exception {
        String base = "/contacts/" + contactId + "/tasks";
        TestHttp.Reply created = ghl.call("POST", base,
                "{\"title\":\"Call back\",\"dueDate\":\"2026-12-01T22:00:00Z\",\"completed\":false}");
        String taskId = created.json().at("/task/id").asText();

        TestHttp.Reply updated = ghl.call("PUT", base + "/" + taskId,
                "{\"title\":\"Call back soon\",\"dueDate\":\"2026-12-02T10:00:00Z\"}");
        TestHttp.Reply completed = ghl.call("PUT", base + "/" + taskId + "/completed", "{\"completed\":true}");
        TestHttp.Reply listed = ghl.call("GET", base, null);
        TestHttp.Reply read = ghl.call("GET", base + "/" + taskId, null);
        TestHttp.Reply deleted = ghl.call("DELETE", base + "/" + taskId, null);
        TestHttp.Reply gone = ghl.call("GET", base + "/" + taskId, null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/task/dueDate").asText()).isEqualTo("2026-12-01T22:00:00.000Z");
        assertThat(created.json().at("/task/contactId").asText()).isEqualTo(contactId);
        assertThat(updated.json().at("/task/title").asText()).isEqualTo("Call back soon");
        assertThat(completed.json().at("/task/completed").asBoolean()).isTrue();
        assertThat(listed.json().get("tasks")).hasSize(1);
        assertThat(read.json().at("/task/completed").asBoolean()).isTrue();
        assertThat(deleted.json().get("succeded").asBoolean()).isTrue();
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.json().get("message").asText()).isEqualTo("Task not found");
    }

    @Test
    void aTaskWithoutTitleDueDateAndCompletedAnswers422WithEveryReason() throws Exception {
        TestHttp.Reply reply = ghl.wrong("POST", "/contacts/" + contactId + "/tasks", "{\"body\":\"x\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("statusCode").asInt()).isEqualTo(422);
        assertThat(reply.json().get("message")).extracting(JsonNode::asText)
                .contains("title should not be empty", "dueDate must be a valid ISO 8601 date string",
                        "completed must be a boolean value");
    }

    @Test
    void aTaskUpdateWithMillisecondsInTheDueDateAnswers422() throws Exception {
        String taskId = ghl.call("POST", "/contacts/" + contactId + "/tasks",
                "{\"title\":\"t\",\"dueDate\":\"2026-12-01T22:00:00Z\",\"completed\":false}").json().at("/task/id").asText();

        TestHttp.Reply reply = ghl.call("PUT", "/contacts/" + contactId + "/tasks/" + taskId,
                "{\"dueDate\":\"2026-12-01T22:00:00.000Z\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("message").isArray()).isTrue();
    }

    @Test
    void notesAreCreatedListedUpdatedAndDeleted() throws Exception {
        String base = "/contacts/" + contactId + "/notes";
        TestHttp.Reply created = ghl.call("POST", base, "{\"body\":\"Prefers calls after 5pm\",\"userId\":\"u1\"}");
        String noteId = created.json().at("/note/id").asText();

        TestHttp.Reply updated = ghl.call("PUT", base + "/" + noteId, "{\"body\":\"Prefers mornings\"}");
        TestHttp.Reply listed = ghl.call("GET", base, null);
        TestHttp.Reply read = ghl.call("GET", base + "/" + noteId, null);
        TestHttp.Reply deleted = ghl.call("DELETE", base + "/" + noteId, null);
        TestHttp.Reply unknown = ghl.call("GET", base + "/" + noteId, null);
        TestHttp.Reply empty = ghl.wrong("POST", base, "{}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("note").fieldNames()).toIterable()
                .contains("id", "body", "userId", "dateAdded", "contactId");
        assertThat(updated.json().at("/note/body").asText()).isEqualTo("Prefers mornings");
        assertThat(listed.json().get("notes")).hasSize(1);
        assertThat(read.json().at("/note/userId").asText()).isEqualTo("u1");
        assertThat(deleted.json().get("succeded").asBoolean()).isTrue();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(empty.status()).isEqualTo(422);
    }

    @Test
    void tagsAreAddedOnceInLowerCaseAndRemovedWithABody() throws Exception {
        String path = "/contacts/" + contactId + "/tags";
        TestHttp.Reply added = ghl.call("POST", path, "{\"tags\":[\" Deck \",\"first\",\"HOT\"]}");
        TestHttp.Reply removed = ghl.call("DELETE", path, "{\"tags\":[\"first\"]}");
        TestHttp.Reply invalid = ghl.wrong("POST", path, "{\"tags\":\"deck\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("tags")).extracting(JsonNode::asText).containsExactly("first", "deck", "hot");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("tags")).extracting(JsonNode::asText).containsExactly("deck", "hot");
        assertThat(invalid.status()).isEqualTo(422);
    }

    @Test
    void appointmentsListStoredEvents() throws Exception {
        TestHttp.Reply none = ghl.call("GET", "/contacts/" + contactId + "/appointments", null);
        server.highLevel().addAppointment("sandbox", contactId,
                java.util.Map.of("id", "ev1", "title", "Estimate", "startTime", "2026-12-01 10:00:00"));
        TestHttp.Reply one = ghl.call("GET", "/contacts/" + contactId + "/appointments", null);

        assertThat(none.json().get("events")).isEmpty();
        assertThat(one.json().at("/events/0/title").asText()).isEqualTo("Estimate");
    }

    @Test
    void anUnknownContactAnswers400NotFound() throws Exception {
        TestHttp.Reply reply = ghl.call("GET", "/contacts/AAAAAAAAAAAAAAAAAAAA/tasks", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).isEqualTo("Contact not found");
    }
}
