package org.nxhl.bridge.mapping;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.nxhl.bridge.highlevel.HighLevelHeaders;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.PermanentFailureException;
import org.nxhl.bridge.store.ContactLinks;

/** The Java steps of the lead flow: what YAML cannot say well about leads and their contacts. */
public class LeadSteps {

    public static final String LEAD = "lead";
    public static final String LEAD_ID = "leadId";
    public static final String CONTACT_ID = "contactId";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final LeadMapper mapper;
    private final ContactLinks links;
    private final ObjectMapper json;

    public LeadSteps(LeadMapper mapper, ContactLinks links, ObjectMapper json) {
        this.mapper = mapper;
        this.links = links;
        this.json = json;
    }

    /**
     * Reads the stored lead and makes the upsert body. The lead's tags are added after the upsert, never
     * put in it: upsert replaces every tag of a contact HighLevel already has, and a person the bridge
     * has never sent may still be one (an earlier customer, say) whose tags drive the location's work.
     */
    public void prepare(Exchange exchange) {
        Map<String, Object> lead = parse(exchange.getMessage().getBody(String.class));
        String locationId = exchange.getMessage().getHeader(InboxHeaders.LOCATION_ID, String.class);
        exchange.setProperty(LEAD, lead);
        exchange.setProperty(LEAD_ID, LeadMapper.text(lead.get("lead_id")));
        exchange.setProperty("tags", mapper.tags(lead));
        exchange.getMessage().setBody(mapper.contact(lead, locationId));
    }

    /** Remembers the contact the upsert answered with, for later events about this lead. */
    public void link(Exchange exchange) {
        Map<?, ?> answer = exchange.getMessage().getBody(Map.class);
        Map<?, ?> contact = answer == null ? null : (Map<?, ?>) answer.get("contact");
        Object contactId = contact == null ? null : contact.get("id");
        if (contactId == null) {
            throw new PermanentFailureException("HighLevel's upsert answer named no contact");
        }
        String locationId = exchange.getMessage().getHeader(InboxHeaders.LOCATION_ID, String.class);
        links.remember(locationId, exchange.getProperty(LEAD_ID, String.class), contactId.toString());
        exchange.getMessage().setHeader(CONTACT_ID, contactId.toString());
        exchange.setProperty("contactOutcome", Boolean.TRUE.equals(answer.get("new")) ? "created" : "updated");
    }

    public Map<String, Object> tagsBody(Exchange exchange) {
        return Map.of("tags", exchange.getProperty("tags", List.class));
    }

    /** The note's body; its first line names the lead, which marks the note as this event's own. */
    public Map<String, Object> noteBody(Exchange exchange) {
        exchange.getMessage().setHeader(HighLevelHeaders.ONCE_MARKER,
                LeadMapper.noteMarker(exchange.getProperty(LEAD_ID, String.class)));
        return Map.of("body", mapper.note(lead(exchange)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lead(Exchange exchange) {
        return exchange.getProperty(LEAD, Map.class);
    }

    private Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, OBJECT);
        } catch (JsonProcessingException e) {
            throw new PermanentFailureException("the stored lead is not a JSON object");
        }
    }
}
