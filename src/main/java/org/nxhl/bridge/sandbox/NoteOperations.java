package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A contact's notes; the path parameter of one note is {@code id}. Lists show the newest first. */
final class NoteOperations {

    private final ContactStore store;
    private final Clock clock;

    NoteOperations(ContactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    SandboxResponse list(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            List<ObjectNode> notes = new ArrayList<>(book.require(call.param("contactId")).notes.values());
            ArrayNode array = SandboxJson.array();
            for (int i = notes.size() - 1; i >= 0; i--) {
                array.add(notes.get(i).deepCopy());
            }
            return SandboxResponse.json(200, Map.of("notes", array));
        }
    }

    SandboxResponse create(ApiCall call) {
        check(call.body(), true);
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            ObjectNode note = SandboxJson.object();
            note.put("id", Ids.random());
            apply(note, call.body());
            note.put("dateAdded", Timestamps.format(clock.millis()));
            note.put("contactId", record.id());
            record.notes.put(note.get("id").asText(), note);
            return SandboxResponse.json(201, Map.of("note", note.deepCopy()));
        }
    }

    SandboxResponse get(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            return SandboxResponse.json(200, Map.of("note", require(book, call).deepCopy()));
        }
    }

    SandboxResponse update(ApiCall call) {
        check(call.body(), false);
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ObjectNode note = require(book, call);
            apply(note, call.body());
            return SandboxResponse.json(200, Map.of("note", note.deepCopy()));
        }
    }

    SandboxResponse delete(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            require(book, call);
            book.require(call.param("contactId")).notes.remove(call.param("id"));
        }
        return SandboxResponse.json(200, Map.of("succeded", true));
    }

    private static ObjectNode require(ContactBook book, ApiCall call) {
        ObjectNode note = book.require(call.param("contactId")).notes.get(call.param("id"));
        if (note == null) {
            throw ApiError.badRequest("Note not found");
        }
        return note;
    }

    private static void check(JsonNode body, boolean create) {
        List<String> violations = new ArrayList<>();
        if (!body.isObject()) {
            violations.add("body must be a string");
        } else {
            JsonNode text = body.get("body");
            if (create && (text == null || text.isNull() || (text.isTextual() && text.asText().isBlank()))) {
                violations.add("body should not be empty");
            }
            if (text != null && !text.isNull() && !text.isTextual()) {
                violations.add("body must be a string");
            }
            for (String field : List.of("userId", "title", "color")) {
                TaskOperations.checkText(body, field, violations);
            }
            JsonNode pinned = body.get("pinned");
            if (pinned != null && !pinned.isNull() && !pinned.isBoolean()) {
                violations.add("pinned must be a boolean value");
            }
        }
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
    }

    private static void apply(ObjectNode note, JsonNode body) {
        for (String field : List.of("body", "userId", "title", "color")) {
            if (body.hasNonNull(field)) {
                note.put(field, body.get(field).asText());
            }
        }
        if (body.hasNonNull("pinned")) {
            note.put("pinned", body.get("pinned").asBoolean());
        }
    }
}
