package org.nxhl.bridge.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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

/**
 * The Java steps every Networx event flow shares: reading the stored event, finding its HighLevel
 * contact (a {@code leadId} through the lead's contact link, waiting a bounded time for a lead not yet
 * processed), and the task a note becomes.
 */
public class EventSteps {

    public static final String DATA = "data";
    public static final String CONTACT_ID = "contactId";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ContactLinks links;
    private final ObjectMapper json;
    private final EventWait leadWait;
    private final Duration taskDueIn;
    private final Clock clock;

    public EventSteps(ContactLinks links, ObjectMapper json, EventWait leadWait, Duration taskDueIn,
                      Clock clock) {
        this.links = links;
        this.json = json;
        this.leadWait = leadWait;
        this.taskDueIn = taskDueIn;
        this.clock = clock;
    }

    /** Reads the stored event into the {@code data} property and names its contact in the header. */
    public void read(Exchange exchange) {
        Map<String, Object> data = data(exchange);
        String contactId = contactOf(exchange, data)
                .orElseThrow(() -> leadWait.notYet(exchange, "lead " + data.get("leadId")
                        + " has no HighLevel contact"));
        exchange.getMessage().setHeader(CONTACT_ID, contactId);
    }

    /** Reads the stored event into the {@code data} property without looking for a contact. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> data(Exchange exchange) {
        Map<String, Object> event = parse(exchange.getMessage().getBody(String.class));
        Object data = event.get("data");
        if (!(data instanceof Map)) {
            throw new PermanentFailureException("the stored event has no data object");
        }
        exchange.setProperty(DATA, data);
        exchange.setProperty("eventType", event.get("type"));
        return (Map<String, Object>) data;
    }

    /** The contact an event entry names, directly or through its lead. */
    public Optional<String> contactOf(Exchange exchange, Map<?, ?> entry) {
        Object contactId = entry.get("contactId");
        if (contactId != null && !contactId.toString().isBlank()) {
            return Optional.of(contactId.toString());
        }
        String locationId = exchange.getMessage().getHeader(InboxHeaders.LOCATION_ID, String.class);
        return links.contactOfLead(locationId, String.valueOf(entry.get("leadId")));
    }

    /**
     * The task a note becomes: due when the event says, else the configured delay from now. Its body
     * ends with the Networx note id, which tells a retry that a lost answer's task was made after all.
     */
    public Map<String, Object> taskBody(Exchange exchange) {
        Map<?, ?> data = exchange.getProperty(DATA, Map.class);
        Object due = data.get("dueDate");
        Instant dueAt = due == null ? clock.instant().plus(taskDueIn) : OffsetDateTime.parse(due.toString())
                .toInstant();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("title", data.get("taskTitle").toString());
        Object body = data.get("body");
        Object noteId = data.get("noteId");
        String marker = noteId == null ? null : "(Networx note " + noteId + ")";
        String text = body == null || body.toString().isBlank() ? "" : body.toString();
        if (marker != null) {
            text = text.isEmpty() ? marker : text + "\n\n" + marker;
            exchange.getMessage().setHeader(HighLevelHeaders.ONCE_MARKER, marker);
            // the same Networx note sent again as a new event finds its task instead of making another
            exchange.getMessage().setHeader(HighLevelHeaders.MARKER_FIRST, true);
        }
        if (!text.isEmpty()) {
            task.put("body", text);
        }
        task.put("dueDate", isoSeconds(dueAt));
        task.put("completed", false);
        return task;
    }

    /** ISO-8601 in UTC without milliseconds, which HighLevel refuses in task dates. */
    public static String isoSeconds(Instant at) {
        return SECONDS.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    private Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, OBJECT);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PermanentFailureException("the stored event is not a JSON object");
        }
    }
}
