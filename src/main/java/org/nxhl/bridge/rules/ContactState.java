package org.nxhl.bridge.rules;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What tag rules read of a contact: its tags, and its plain fields and custom fields as text
 * (custom fields under {@code customField:<id>}). Built from a webhook payload or a search result.
 */
public record ContactState(List<String> tags, Map<String, String> fields) {

    private static final String CUSTOM = "customField:";

    public static ContactState of(JsonNode contact) {
        List<String> tags = new ArrayList<>();
        contact.path("tags").forEach(t -> tags.add(t.asText()));
        Map<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contact.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
        }
        for (JsonNode custom : contact.path("customFields")) {
            JsonNode value = custom.has("value") ? custom.get("value") : custom.get("field_value");
            if (custom.hasNonNull("id") && value != null && !value.isNull()) {
                String text = value.isValueNode() ? value.asText() : value.toString();
                fields.put(CUSTOM + custom.get("id").asText(), text);
            }
        }
        return new ContactState(List.copyOf(tags), fields);
    }

    /** The same contact with other tags. */
    public ContactState withTags(List<String> newTags) {
        return new ContactState(List.copyOf(newTags), fields);
    }

    static String customFieldKey(String id) {
        return id == null ? null : CUSTOM + id;
    }
}
