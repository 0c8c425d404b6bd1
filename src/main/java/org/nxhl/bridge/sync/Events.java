package org.nxhl.bridge.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nxhl.bridge.inbox.PermanentFailureException;

/** Reading stored HighLevel events. */
final class Events {

    private Events() {
    }

    static JsonNode parse(ObjectMapper json, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new PermanentFailureException("the stored event is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PermanentFailureException("the stored event is not JSON");
        }
    }

    static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static String required(JsonNode event, String field, String reason) {
        String value = text(event, field);
        if (value == null) {
            throw new PermanentFailureException(reason);
        }
        return value;
    }

    /** When the contact took this state: its dateUpdated if the event has one, else its timestamp. */
    static Instant changedAt(JsonNode event) {
        for (String field : new String[] {"dateUpdated", "timestamp"}) {
            Instant at = instant(text(event, field));
            if (at != null) {
                return at;
            }
        }
        return Instant.now();
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
