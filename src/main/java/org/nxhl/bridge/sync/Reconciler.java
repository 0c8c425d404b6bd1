package org.nxhl.bridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.nxhl.bridge.highlevel.HighLevelCalls;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.NewEvent;
import org.nxhl.bridge.intake.HighLevelWebhookIntake;
import org.nxhl.bridge.store.ReconcileCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what webhooks missed: reads the contacts of a location updated since its checkpoint, oldest
 * first, and stores each as a ContactUpdate event for the same flow webhooks feed. Only changed contacts
 * are read, so the calls grow with the changes, not the location. The checkpoint moves after every page;
 * it starts again a little before it ({@code overlap}), since HighLevel's search is eventually consistent,
 * and a contact read twice in the same state is stored once.
 */
public class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final HighLevelCalls highLevel;
    private final ReconcileCheckpoints checkpoints;
    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final ObjectMapper json;
    private final int pageSize;
    private final Duration overlap;
    private final Duration lease;
    private final Clock clock;
    private final String runner = "reconcile-" + UUID.randomUUID();

    public Reconciler(HighLevelCalls highLevel, ReconcileCheckpoints checkpoints, InboxStore inbox,
                      InboxDispatcher dispatcher, ObjectMapper json, int pageSize, Duration overlap,
                      Duration lease, Clock clock) {
        this.highLevel = highLevel;
        this.checkpoints = checkpoints;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.json = json;
        this.pageSize = pageSize;
        this.overlap = overlap;
        this.lease = lease;
        this.clock = clock;
    }

    public static String routeId(String locationId) {
        return "highlevel-reconcile-" + locationId;
    }

    /** Runs for the location in the exchange's LocationId header; the outcome becomes the body. */
    public void run(Exchange exchange) throws InterruptedException {
        String locationId = exchange.getMessage().getHeader(InboxHeaders.LOCATION_ID, String.class);
        java.util.Date scheduled = exchange.getMessage().getHeader("scheduledFireTime", java.util.Date.class);
        String outcome = run(locationId, scheduled == null ? null : scheduled.getTime());
        LOG.info("reconciliation of {}: {}", locationId, outcome);
        exchange.getMessage().setBody(outcome);
    }

    public String run(String locationId) throws InterruptedException {
        return run(locationId, null);
    }

    /** One run, for a schedule tick (its scheduled fire time) or, with null, asked for by hand. */
    public String run(String locationId, Long tick) throws InterruptedException {
        if (!checkpoints.claim(locationId, runner, lease, tick)) {
            return "skipped: suspended, running in another process, or this tick already served";
        }
        try {
            OptionalLong checkpoint = checkpoints.checkpoint(locationId);
            if (checkpoint.isEmpty()) {
                checkpoints.advance(locationId, runner, clock.millis(), lease);
                return "first run: changes are read from now on";
            }
            return readChanges(locationId, checkpoint.getAsLong());
        } finally {
            checkpoints.release(locationId, runner);
        }
    }

    private String readChanges(String locationId, long checkpoint) throws InterruptedException {
        long since = checkpoint - overlap.toMillis();
        long newest = checkpoint;
        JsonNode searchAfter = null;
        int pages = 0;
        int stored = 0;
        int read = 0;
        while (true) {
            JsonNode answer = highLevel.call(locationId, "POST", "/contacts/search", search(locationId, since,
                    searchAfter));
            pages++;
            JsonNode contacts = answer.path("contacts");
            for (JsonNode contact : contacts) {
                read++;
                Instant updated = Events.instant(Events.text(contact, "dateUpdated"));
                if (updated != null) {
                    newest = Math.max(newest, updated.toEpochMilli());
                }
                if (store(locationId, contact)) {
                    stored++;
                }
            }
            if (contacts.size() > 0) {
                checkpoints.advance(locationId, runner, newest, lease);
                dispatcher.wake();
                searchAfter = contacts.get(contacts.size() - 1).get("searchAfter");
            }
            if (contacts.size() < pageSize || searchAfter == null || searchAfter.isNull()) {
                break;
            }
        }
        return read + " contacts updated since " + Instant.ofEpochMilli(since) + ", " + stored
                + " new to the inbox, " + pages + " page(s)";
    }

    private Map<String, Object> search(String locationId, long since, JsonNode searchAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("locationId", locationId);
        body.put("pageLimit", pageSize);
        body.put("filters", List.of(Map.of("field", "dateUpdated", "operator", "gte",
                "value", Instant.ofEpochMilli(since).toString())));
        body.put("sort", List.of(Map.of("field", "dateUpdated", "direction", "asc")));
        if (searchAfter != null && !searchAfter.isNull()) {
            body.put("searchAfter", searchAfter);
        }
        return body;
    }

    private boolean store(String locationId, JsonNode contact) {
        String id = Events.text(contact, "id");
        if (id == null) {
            return false;
        }
        ObjectNode event = contact.deepCopy();
        event.remove("searchAfter");
        event.put("type", "ContactUpdate");
        event.put("locationId", locationId);
        event.put("reconciled", true);
        String updated = Events.text(contact, "dateUpdated");
        String key = "highlevel-reconcile:" + locationId + ":" + id + ":" + updated;
        NewEvent update = new NewEvent(HighLevelWebhookIntake.SOURCE,
                HighLevelWebhookIntake.eventType("ContactUpdate"), locationId, key, event.toString());
        return !inbox.accept(update).duplicate();
    }
}
