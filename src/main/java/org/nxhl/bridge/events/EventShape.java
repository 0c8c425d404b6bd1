package org.nxhl.bridge.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.nxhl.bridge.intake.RejectedInput;

/**
 * The Networx event types the bridge accepts and the fields each must carry, checked at intake so
 * that an event the flows could never finish is refused instead of stored.
 */
public final class EventShape {

    public static final String CONTACT_UPDATED = "contact.updated";
    public static final String NOTE_CREATED = "note.created";
    public static final String TAGS_BULK_COMPLETED = "tags.bulk_completed";
    public static final List<String> TYPES = List.of(CONTACT_UPDATED, NOTE_CREATED, TAGS_BULK_COMPLETED);

    private static final Pattern CONTACT_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private EventShape() {
    }

    /** The event's type, once its envelope and data hold what that type needs. */
    public static String check(JsonNode event) {
        String type = event.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw new RejectedInput(422, "unknown_event_type", type.isEmpty() ? "type is required"
                    : "events of type '" + type + "' are not accepted; known types are " + TYPES);
        }
        JsonNode data = event.path("data");
        if (!data.isObject()) {
            throw new RejectedInput(422, "missing_data", "data must be an object");
        }
        switch (type) {
            case CONTACT_UPDATED -> {
                requireContact(data, "data");
                requireDate(data, "lastUpdated", "invalid_last_updated");
            }
            case NOTE_CREATED -> {
                requireContact(data, "data");
                if (!text(data, "taskTitle")) {
                    throw new RejectedInput(422, "missing_task_title", "data.taskTitle is required");
                }
                if (data.has("dueDate") && !data.get("dueDate").isNull()) {
                    requireDate(data, "dueDate", "invalid_due_date");
                }
            }
            default -> requireResults(data);
        }
        return type;
    }

    private static void requireResults(JsonNode data) {
        JsonNode results = data.path("results");
        if (!results.isArray() || results.isEmpty()) {
            throw new RejectedInput(422, "missing_results", "data.results must be a non-empty list");
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            requireContact(result, "data.results[" + i + "]");
            if (!text(result, "tagName")) {
                throw new RejectedInput(422, "missing_tag_name",
                        "data.results[" + i + "].tagName is required");
            }
        }
    }

    private static void requireContact(JsonNode node, String where) {
        if (!text(node, "contactId") && !text(node, "leadId")) {
            throw new RejectedInput(422, "missing_contact", where + " needs a contactId or a leadId");
        }
        // a contact id goes into HighLevel's paths, so it may hold nothing that would change the path
        if (text(node, "contactId") && !CONTACT_ID.matcher(node.path("contactId").asText()).matches()) {
            throw new RejectedInput(422, "bad_contact_id",
                    where + ".contactId must be a HighLevel contact id: letters and digits only");
        }
    }

    private static void requireDate(JsonNode data, String field, String code) {
        try {
            OffsetDateTime.parse(data.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw new RejectedInput(422, code, "data." + field
                    + " must be an ISO-8601 date-time with an offset, such as 2026-11-30T16:20:01Z");
        }
    }

    static boolean text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return (value.isTextual() || value.isIntegralNumber()) && !value.asText().isBlank();
    }
}
