package org.nxhl.bridge.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * Reads the stored lead and makes the upsert body. Tags go into the upsert only for a person the bridge
     * has not sent before, since upsert replaces a contact's tags; a known person gets them added after.
     */
    public void prepare(Exchange exchange) {
        Map<String, Object> lead = parse(exchange.getMessage().getBody(String.class));
        String locationId = exchange.getMessage().getHeader(InboxHeaders.LOCATION_ID, String.class);
        Optional<String> known = links.contactOfPerson(locationId, LeadMapper.text(lead.get("email")),
                mapper.e164(lead.get("phone")));
        List<String> tags = mapper.tags(lead);
        exchange.setProperty(LEAD, lead);
        exchange.setProperty(LEAD_ID, LeadMapper.text(lead.get("lead_id")));
        exchange.setProperty("tags", tags);
        exchange.setProperty("tagsSeparately", known.isPresent() && !tags.isEmpty());
        exchange.getMessage().setBody(mapper.contact(lead, locationId, known.isEmpty()));
    }

    /** Remembers the contact the upsert answered with, for later events about this lead. */
    public void link(Exchange exchange) {
        Map<?, ?> answer = exchange.getMessage().getBody(Map.class);
        Map<?, ?> contact = answer == null ? null : (Map<?, ?>) answer.get("contact");
        Object contactId = contact == null ? null : contact.get("id");
        if (contactId == null) {
            throw new PermanentFailureException("HighLevel's upsert answer named no contact");
        }
        Map<String, Object> lead = lead(exchange);
        String locationId = exchange.getMessage().getHeader(InboxHeaders.LOCATION_ID, String.class);
        links.remember(locationId, exchange.getProperty(LEAD_ID, String.class), contactId.toString(),
                LeadMapper.text(lead.get("email")), mapper.e164(lead.get("phone")));
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
