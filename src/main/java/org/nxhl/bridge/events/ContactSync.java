package org.nxhl.bridge.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.nxhl.bridge.mapping.LeadMapper;

/**
 * The Java steps of {@code contact.updated}: which of the event's changes HighLevel lacks when the
 * Networx change is the newer one, and the merged contact with its open tasks that goes back.
 * Tags are never written here: {@code PUT /contacts/{id}} would replace the whole list.
 */
public class ContactSync {

    /** Contact fields an event may change, by the names Networx and HighLevel use for them. */
    private static final Map<String, String> FIELDS = fields();

    private final LeadMapper phones;

    public ContactSync(LeadMapper phones) {
        this.phones = phones;
    }

    /**
     * Compares the event's {@code lastUpdated} with HighLevel's {@code dateUpdated}; when Networx is
     * newer, the body becomes the update holding only the fields that differ, else it is left empty.
     */
    public Map<String, Object> changes(Exchange exchange) {
        Map<?, ?> data = exchange.getProperty(EventSteps.DATA, Map.class);
        Map<?, ?> contact = exchange.getVariable("contact", Map.class);
        Instant networx = OffsetDateTime.parse(data.get("lastUpdated").toString()).toInstant();
        Instant highLevel = instant(contact.get("dateUpdated"));
        boolean newer = highLevel == null || networx.isAfter(highLevel);
        Map<String, Object> update = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        Object changes = data.get("changes");
        if (newer && changes instanceof Map<?, ?> given) {
            given.forEach((name, value) -> {
                String field = FIELDS.get(name.toString());
                if (field == null) {
                    ignored.add(name.toString());
                    return;
                }
                Object wanted = "phone".equals(field) ? phones.e164(value) : value;
                if (wanted != null && !Objects.equals(wanted, contact.get(field))) {
                    update.put(field, wanted);
                }
            });
        }
        exchange.setProperty("networxNewer", newer);
        exchange.setProperty("changedFields", List.copyOf(update.keySet()));
        exchange.setProperty("ignoredFields", ignored);
        return update;
    }

    /** The callback data: the contact as it now stands, its open tasks, and what was written. */
    public Map<String, Object> synced(Exchange exchange) {
        Map<?, ?> data = exchange.getProperty(EventSteps.DATA, Map.class);
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<?, ?> contact = exchange.getVariable("contact", Map.class);
        contact.forEach((k, v) -> merged.put(k.toString(), v));
        Map<?, ?> updated = exchange.getVariable("updated", Map.class);
        if (updated != null && updated.get("contact") instanceof Map<?, ?> written) {
            written.forEach((k, v) -> merged.put(k.toString(), v));
        }
        List<Object> open = new ArrayList<>();
        Map<?, ?> tasks = exchange.getVariable("tasks", Map.class);
        if (tasks != null && tasks.get("tasks") instanceof List<?> all) {
            all.stream().filter(t -> t instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("completed")))
                    .forEach(open::add);
        }
        Map<String, Object> synced = new LinkedHashMap<>();
        synced.put("contactId", exchange.getMessage().getHeader(EventSteps.CONTACT_ID));
        if (data.get("leadId") != null) {
            synced.put("leadId", data.get("leadId"));
        }
        synced.put("status", data.get("status"));
        synced.put("lastUpdated", data.get("lastUpdated"));
        boolean networxNewer = Boolean.TRUE.equals(exchange.getProperty("networxNewer"));
        synced.put("newer", networxNewer ? "networx" : "highlevel");
        synced.put("updatedFields", exchange.getProperty("changedFields"));
        synced.put("ignoredFields", exchange.getProperty("ignoredFields"));
        synced.put("contact", merged);
        synced.put("openTasks", open);
        return synced;
    }

    private static Instant instant(Object text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String same : List.of("firstName", "lastName", "name", "email", "phone", "address1", "city",
                "state", "postalCode", "country", "website", "companyName", "timezone", "source")) {
            fields.put(same, same);
        }
        fields.put("first_name", "firstName");
        fields.put("last_name", "lastName");
        fields.put("address", "address1");
        fields.put("zip", "postalCode");
        fields.put("company_name", "companyName");
        return Map.copyOf(fields);
    }
}
