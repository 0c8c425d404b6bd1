package org.nxhl.bridge.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nxhl.bridge.highlevel.CustomFieldIds;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.RetryLaterException;
import org.nxhl.bridge.events.NetworxCallbacks;
import org.nxhl.bridge.rules.ContactState;
import org.nxhl.bridge.rules.TagRules;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.store.ContactStates;

/**
 * The Java steps of the tag rules flow: compare a contact event with the last state seen of the contact,
 * decide which rules fire, and make the tag changes and callbacks the flow then carries out.
 */
public class TagRuleSteps {

    public static final String FIRINGS = "firings";
    static final String STEP = "tag-rules";
    private static final TypeReference<List<Map<String, Object>>> FIRING_LIST = new TypeReference<>() {
    };

    private final TagRules rules;
    private final ContactStates states;
    private final CustomFieldIds customFields;
    private final ContactLinks links;
    private final InboxStore inbox;
    private final ObjectMapper json;

    public TagRuleSteps(TagRules rules, ContactStates states, CustomFieldIds customFields, ContactLinks links,
                        InboxStore inbox, ObjectMapper json) {
        this.rules = rules;
        this.states = states;
        this.customFields = customFields;
        this.links = links;
        this.inbox = inbox;
        this.json = json;
    }

    /** Sets the firings as a list of {rule, added, removed}, decided once per event. */
    public void evaluate(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        JsonNode contact = Events.parse(json, in.getBody(String.class));
        String locationId = in.getHeader(InboxHeaders.LOCATION_ID, String.class);
        String contactId = Events.required(contact, "id", "the contact event names no contact id");
        long eventId = in.getHeader(InboxHeaders.EVENT_ID, Long.class);
        in.setHeader("contactId", contactId);
        Optional<String> decided = inbox.step(eventId, STEP);
        List<Map<String, Object>> firings = decided.isPresent()
                ? json.readValue(decided.get(), FIRING_LIST)
                : decide(locationId, contactId, contact, eventId);
        exchange.setProperty(FIRINGS, firings);
        exchange.setProperty("outcome", firings.isEmpty() ? "contact " + contactId + ": no tag rule fired"
                : "contact " + contactId + ": " + firings.stream().map(f -> f.get("rule").toString()).toList()
                        + " fired");
    }

    private List<Map<String, Object>> decide(String locationId, String contactId, JsonNode contact,
                                             long eventId) throws JsonProcessingException {
        ContactState after = ContactState.of(contact);
        Instant seenAt = Events.changedAt(contact);
        Optional<ContactStates.Stored> before = states.find(locationId, contactId);
        if (before.isPresent() && seenAt.isBefore(before.get().seenAt())) {
            // an older event than the state already seen changes nothing
            return List.of();
        }
        ContactState previous = before.map(ContactStates.Stored::state).orElse(null);
        List<TagRules.Firing> firings = rules.evaluate(previous, after,
                reference -> customFieldId(locationId, reference));
        Set<String> tags = new LinkedHashSet<>(after.tags());
        List<Map<String, Object>> decided = new ArrayList<>();
        for (TagRules.Firing firing : firings) {
            tags.addAll(firing.added());
            tags.removeAll(firing.removed());
            decided.add(firing.asMap());
        }
        long version = before.map(ContactStates.Stored::version).orElse(0L);
        boolean saved = states.advance(locationId, contactId, version, after.withTags(List.copyOf(tags)),
                seenAt, eventId, STEP, json.writeValueAsString(decided));
        if (!saved) {
            throw new RetryLaterException("contact " + contactId + " changed meanwhile",
                    Instant.now().plusMillis(200));
        }
        return decided;
    }

    private String customFieldId(String locationId, String reference) {
        try {
            return customFields.idOf(locationId, reference);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while reading custom fields", e);
        }
    }

    /** The body for adding the current firing's tags. */
    public Map<String, Object> addedTags(Exchange exchange) {
        return Map.of("tags", firing(exchange).get("added"));
    }

    /** The body for removing the current firing's tags. */
    public Map<String, Object> removedTags(Exchange exchange) {
        return Map.of("tags", firing(exchange).get("removed"));
    }

    /** The {@code highlevel.contact.tags_changed} callback of the current firing, once per event and rule. */
    public Map<String, Object> callback(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, Object> firing = firing(exchange);
        String locationId = in.getHeader(InboxHeaders.LOCATION_ID, String.class);
        String contactId = in.getHeader("contactId", String.class);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("leadId", links.leadOfContact(locationId, contactId).orElse(null));
        data.put("locationId", locationId);
        data.put("rule", firing.get("rule"));
        data.put("added", firing.get("added"));
        data.put("removed", firing.get("removed"));
        in.setHeader(NetworxCallbacks.KEY_HEADER, String.valueOf(firing.get("rule")));
        return data;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firing(Exchange exchange) {
        return exchange.getProperty("firing", Map.class);
    }
}
