package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A contact's tasks. Lists are not paginated, as in HighLevel. */
final class TaskOperations {

    private final ContactStore store;

    TaskOperations(ContactStore store) {
        this.store = store;
    }

    SandboxResponse list(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ArrayNode tasks = SandboxJson.array();
            book.require(call.param("contactId")).tasks.values().forEach(t -> tasks.add(t.deepCopy()));
            return SandboxResponse.json(200, Map.of("tasks", tasks));
        }
    }

    SandboxResponse create(ApiCall call) {
        JsonNode body = call.body();
        List<String> violations = new ArrayList<>();
        checkTitle(body, true, violations);
        Instant due = checkDueDate(body, true, false, violations);
        checkCompleted(body, true, violations);
        checkText(body, "body", violations);
        checkText(body, "assignedTo", violations);
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            ObjectNode task = SandboxJson.object();
            task.put("id", Ids.random());
            apply(task, body, due);
            task.put("contactId", record.id());
            record.tasks.put(task.get("id").asText(), task);
            return SandboxResponse.json(201, Map.of("task", task.deepCopy()));
        }
    }

    SandboxResponse get(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            return SandboxResponse.json(200, Map.of("task", require(book, call).deepCopy()));
        }
    }

    /** Updates refuse a dueDate with milliseconds, which the real API has been seen to do. */
    SandboxResponse update(ApiCall call) {
        JsonNode body = call.body();
        List<String> violations = new ArrayList<>();
        if (!body.isObject()) {
            violations.add("body must be a JSON object");
        }
        checkTitle(body, false, violations);
        Instant due = checkDueDate(body, false, true, violations);
        checkCompleted(body, false, violations);
        checkText(body, "body", violations);
        checkText(body, "assignedTo", violations);
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ObjectNode task = require(book, call);
            apply(task, body, due);
            return SandboxResponse.json(200, Map.of("task", task.deepCopy()));
        }
    }

    SandboxResponse complete(ApiCall call) {
        List<String> violations = new ArrayList<>();
        checkCompleted(call.body(), true, violations);
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ObjectNode task = require(book, call);
            task.put("completed", call.body().get("completed").asBoolean());
            return SandboxResponse.json(200, Map.of("task", task.deepCopy()));
        }
    }

    SandboxResponse delete(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            require(book, call);
            book.require(call.param("contactId")).tasks.remove(call.param("taskId"));
        }
        return SandboxResponse.json(200, Map.of("succeded", true));
    }

    private static ObjectNode require(ContactBook book, ApiCall call) {
        ObjectNode task = book.require(call.param("contactId")).tasks.get(call.param("taskId"));
        if (task == null) {
            throw ApiError.badRequest("Task not found");
        }
        return task;
    }

    private static void apply(ObjectNode task, JsonNode body, Instant due) {
        for (String field : List.of("title", "body", "assignedTo")) {
            if (body.hasNonNull(field)) {
                task.put(field, body.get(field).asText());
            }
        }
        if (due != null) {
            task.put("dueDate", Timestamps.format(due.toEpochMilli()));
        }
        if (body.hasNonNull("completed")) {
            task.put("completed", body.get("completed").asBoolean());
        }
    }

    private static void checkTitle(JsonNode body, boolean required, List<String> violations) {
        JsonNode title = body.get("title");
        if (title == null || title.isNull()) {
            if (required) {
                violations.add("title should not be empty");
                violations.add("title must be a string");
            }
        } else if (!title.isTextual()) {
            violations.add("title must be a string");
        } else if (title.asText().isBlank()) {
            violations.add("title should not be empty");
        }
    }

    private static Instant checkDueDate(JsonNode body, boolean required, boolean refuseMillis,
                                        List<String> violations) {
        JsonNode due = body.get("dueDate");
        if (due == null || due.isNull()) {
            if (required) {
                violations.add("dueDate must be a valid ISO 8601 date string");
            }
            return null;
        }
        Instant instant = due.isTextual() ? Timestamps.parse(due.asText()) : null;
        if (instant == null) {
            violations.add("dueDate must be a valid ISO 8601 date string");
        } else if (refuseMillis && Timestamps.hasFraction(due.asText())) {
            violations.add("dueDate must be a valid ISO 8601 date string without milliseconds");
        }
        return instant;
    }

    private static void checkCompleted(JsonNode body, boolean required, List<String> violations) {
        JsonNode completed = body.get("completed");
        if ((completed == null && required) || (completed != null && !completed.isBoolean())) {
            violations.add("completed must be a boolean value");
        }
    }

    static void checkText(JsonNode body, String field, List<String> violations) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            violations.add(field + " must be a string");
        }
    }
}
