package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contact fields of a create, upsert or update body, checked as a whole before anything is
 * written (a 422 leaves the contact untouched). Fields that are absent stay as they were;
 * {@code tags} and {@code customFields}, when given, replace what the contact had.
 */
final class ContactInput {

    static final List<String> TEXT_FIELDS = List.of("firstName", "lastName", "name", "email", "phone",
            "address1", "city", "state", "postalCode", "website", "timezone", "country", "companyName",
            "source", "assignedTo", "gender", "dateOfBirth", "businessId");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();
    private List<String> tags;
    private ArrayNode customFields;

    private ContactInput() {
    }

    /** Reads and checks the body; throws the 422 HighLevel would answer. */
    static ContactInput read(JsonNode body, CustomFieldCatalog catalog, String locationId) {
        if (!body.isObject()) {
            throw ApiError.unprocessable("body must be a JSON object");
        }
        List<String> violations = new ArrayList<>();
        ContactInput input = new ContactInput();
        for (String name : TEXT_FIELDS) {
            JsonNode value = body.get(name);
            if (value == null) {
                continue;
            }
            if (!value.isNull() && !value.isTextual()) {
                violations.add(name + " must be a string");
                continue;
            }
            input.fields.put(name, value);
        }
        input.checkEmail(violations);
        input.normalisePhone(violations);
        for (String name : List.of("dnd")) {
            JsonNode value = body.get(name);
            if (value != null && !value.isBoolean()) {
                violations.add(name + " must be a boolean value");
            } else if (value != null) {
                input.fields.put(name, value);
            }
        }
        for (String name : List.of("dndSettings", "inboundDndSettings")) {
            JsonNode value = body.get(name);
            if (value != null && !value.isObject()) {
                violations.add(name + " must be an object");
            } else if (value != null) {
                input.fields.put(name, value);
            }
        }
        input.tags = readTags(body.get("tags"), violations);
        input.customFields = readCustomFields(body.get("customFields"), catalog, locationId, violations);
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
        return input;
    }

    /** Tags as HighLevel keeps them: trimmed, lower case, each once, in the order first seen. */
    static List<String> readTags(JsonNode node, List<String> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            violations.add("tags must be an array");
            return null;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                violations.add("each value in tags must be a string");
                return null;
            }
            String clean = tag.asText().trim().toLowerCase(Locale.ROOT);
            if (!clean.isEmpty()) {
                tags.add(clean);
            }
        }
        return new ArrayList<>(tags);
    }

    String email() {
        JsonNode email = fields.get("email");
        return email == null || email.isNull() ? null : email.asText();
    }

    String phone() {
        JsonNode phone = fields.get("phone");
        return phone == null || phone.isNull() ? null : phone.asText();
    }

    boolean hasEmail() {
        return email() != null;
    }

    /** Writes the given fields into the stored contact and refreshes the derived ones. */
    void applyTo(ObjectNode contact) {
        fields.forEach((name, value) -> {
            if (value.isNull()) {
                contact.remove(name);
            } else {
                contact.set(name, value);
            }
        });
        if (tags != null) {
            ArrayNode array = contact.putArray("tags");
            tags.forEach(array::add);
        }
        if (customFields != null) {
            contact.set("customFields", customFields);
        }
        derive(contact);
    }

    private static void derive(ObjectNode contact) {
        String first = contact.path("firstName").asText("");
        String last = contact.path("lastName").asText("");
        String full = (first + " " + last).trim();
        putOrRemove(contact, "firstNameLowerCase", first.toLowerCase(Locale.ROOT));
        putOrRemove(contact, "lastNameLowerCase", last.toLowerCase(Locale.ROOT));
        putOrRemove(contact, "fullNameLowerCase", full.toLowerCase(Locale.ROOT));
        if (!full.isEmpty()) {
            contact.put("name", full);
        }
        putOrRemove(contact, "emailLowerCase", contact.path("email").asText("").toLowerCase(Locale.ROOT));
    }

    private static void putOrRemove(ObjectNode contact, String name, String value) {
        if (value.isEmpty()) {
            contact.remove(name);
        } else {
            contact.put(name, value);
        }
    }

    private void checkEmail(List<String> violations) {
        String email = email();
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add("email must be an email");
        }
    }

    private void normalisePhone(List<String> violations) {
        String phone = phone();
        if (phone == null) {
            return;
        }
        String e164 = Phones.e164(phone);
        if (e164 == null) {
            violations.add("phone must be a valid phone number");
            return;
        }
        fields.put("phone", SandboxJson.MAPPER.getNodeFactory().textNode(e164));
    }

    /** Items {id | key, field_value | value}; stored as {id, value}. */
    private static ArrayNode readCustomFields(JsonNode node, CustomFieldCatalog catalog, String locationId,
                                              List<String> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            violations.add("customFields must be an array");
            return null;
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode item : node) {
            String ref = item.hasNonNull("id") ? item.get("id").asText() : item.path("key").asText(null);
            if (!item.isObject() || ref == null) {
                violations.add("each value in customFields must have an id or a key");
                continue;
            }
            CustomFieldCatalog.Definition definition = catalog.find(locationId, ref);
            if (definition == null) {
                violations.add("customFields: no custom field with id or key '" + ref + "' in this location");
                continue;
            }
            JsonNode value = item.has("field_value") ? item.get("field_value") : item.get("value");
            byId.put(definition.id(), value == null ? SandboxJson.MAPPER.nullNode() : value);
        }
        ArrayNode stored = SandboxJson.array();
        byId.forEach((id, value) -> {
            if (!value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
                stored.addObject().put("id", id).set("value", value);
            }
        });
        return stored;
    }
}
