package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Which webhook events an API call that succeeded causes, as HighLevel sends them: contact events carry
 * the whole contact (ContactTagUpdate and ContactDndUpdate when a change touches tags or DND), task and
 * note events the task or note. A task is reported complete when a call sets {@code completed} true.
 */
final class WebhookEvents {

    private final WebhookEmitter emitter;
    private final ContactStore store;

    WebhookEvents(WebhookEmitter emitter, ContactStore store) {
        this.emitter = emitter;
        this.store = store;
    }

    /** What a deleting call needs to report afterwards: the contact as it was. */
    ObjectNode before(String verb, String template, Map<String, String> params, String locationId) {
        if (!verb.equals("DELETE") || !template.equals("/contacts/{contactId}")) {
            return null;
        }
        return contact(locationId, params.get("contactId"));
    }

    void after(String verb, String template, Map<String, String> params, String locationId, JsonNode request,
               SandboxResponse response, ObjectNode before) {
        JsonNode answer = SandboxJson.parseLenient(response.body());
        String contactId = params.get("contactId");
        switch (verb + " " + template) {
            case "POST /contacts/" -> emit("ContactCreate", locationId, answer.path("contact"));
            case "POST /contacts/upsert" ->
                    emit(answer.path("new").asBoolean() ? "ContactCreate" : "ContactUpdate", locationId,
                            answer.path("contact"));
            case "PUT /contacts/{contactId}" -> contactChanged(locationId, request, answer.path("contact"));
            case "DELETE /contacts/{contactId}" -> emit("ContactDelete", locationId, before);
            case "POST /contacts/{contactId}/tags", "DELETE /contacts/{contactId}/tags" ->
                    emit("ContactTagUpdate", locationId, contact(locationId, contactId));
            case "POST /contacts/{contactId}/tasks" -> emit("TaskCreate", locationId, answer.path("task"));
            case "PUT /contacts/{contactId}/tasks/{taskId}",
                    "PUT /contacts/{contactId}/tasks/{taskId}/completed" -> {
                if (request.path("completed").asBoolean(false)) {
                    emit("TaskComplete", locationId, answer.path("task"));
                }
            }
            case "DELETE /contacts/{contactId}/tasks/{taskId}" ->
                    emit("TaskDelete", locationId, reference(params.get("taskId"), contactId));
            case "POST /contacts/{contactId}/notes" -> emit("NoteCreate", locationId, answer.path("note"));
            case "PUT /contacts/{contactId}/notes/{id}" ->
                    emit("NoteUpdate", locationId, answer.path("note"));
            case "DELETE /contacts/{contactId}/notes/{id}" ->
                    emit("NoteDelete", locationId, reference(params.get("id"), contactId));
            default -> {
                // reads and searches change nothing
            }
        }
    }

    private void contactChanged(String locationId, JsonNode request, JsonNode contact) {
        boolean other = false;
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            other |= !name.equals("tags") && !name.equals("dnd") && !name.equals("dndSettings");
        }
        if (other) {
            emit("ContactUpdate", locationId, contact);
        }
        if (request.has("tags")) {
            emit("ContactTagUpdate", locationId, contact);
        }
        if (request.has("dnd") || request.has("dndSettings")) {
            emit("ContactDndUpdate", locationId, contact);
        }
    }

    private void emit(String type, String locationId, JsonNode payload) {
        if (payload != null && payload.isObject()) {
            emitter.emit(type, locationId, ((ObjectNode) payload).deepCopy());
        }
    }

    private ObjectNode contact(String locationId, String contactId) {
        ContactBook book = store.book(locationId);
        synchronized (book) {
            try {
                return book.require(contactId).data.deepCopy();
            } catch (ApiError unknown) {
                return null;
            }
        }
    }

    private static ObjectNode reference(String id, String contactId) {
        ObjectNode node = SandboxJson.object();
        node.put("id", id);
        node.put("contactId", contactId);
        return node;
    }
}
