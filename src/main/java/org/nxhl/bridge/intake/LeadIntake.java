package org.nxhl.bridge.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.Intake;
import org.nxhl.bridge.inbox.NewEvent;
import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;
import org.nxhl.bridge.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a lead that Networx pushed to a location's secret URL and stores it, keyed by location and
 * lead id, before answering: 202 when stored, 200 when the lead was already stored.
 */
public class LeadIntake implements Processor {

    public static final String SOURCE = "networx";
    public static final String TYPE = "networx.lead";
    private static final Logger LOG = LoggerFactory.getLogger(LeadIntake.class);
    private static final int MAX_LEAD_ID = 100;

    private final Locations locations;
    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final int maxBytes;

    public LeadIntake(Locations locations, InboxStore inbox, InboxDispatcher dispatcher, int maxBytes) {
        this.locations = locations;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.maxBytes = maxBytes;
    }


    @Override
    public void process(Exchange exchange) {
        try {
            Location location = locations.byIntakeKey(keyOf(exchange))
                    .orElseThrow(() -> new RejectedInput(404, "unknown_key", "no location has this webhook key"));
            byte[] raw = JsonBody.raw(exchange, maxBytes);
            String leadId = leadId(JsonBody.object(raw));
            Intake intake = inbox.accept(new NewEvent(SOURCE, TYPE, location.id(),
                    "networx-lead:" + location.id() + ":" + leadId, new String(raw, StandardCharsets.UTF_8)));
            if (intake.duplicate()) {
                Reply.json(exchange, 200, Map.of("status", "duplicate", "leadId", leadId));
                return;
            }
            dispatcher.wake();
            Reply.json(exchange, 202, Map.of("status", "accepted", "leadId", leadId, "eventId", intake.eventId()));
        } catch (RejectedInput e) {
            Reply.problem(exchange, e.status(), e.error(), e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("lead refused with 503, the store is unavailable: {}", e.reason());
            Reply.problem(exchange, 503, "store_unavailable", "the lead was not stored; send it again later");
            exchange.getMessage().setHeader("Retry-After", "5");
        }
    }

    /** The last path segment; read from the URI so a request header named like it cannot stand in. */
    private static String keyOf(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String leadId(JsonNode lead) {
        JsonNode id = lead.get("lead_id");
        if (id == null || id.isNull() || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new RejectedInput(422, "missing_lead_id", "lead_id is required, as a string or a number");
        }
        String text = id.asText().trim();
        if (JsonBody.hasControlCharacters(text)) {
            throw new RejectedInput(422, "invalid_lead_id", "lead_id holds control or formatting characters");
        }
        if (text.length() > MAX_LEAD_ID) {
            throw new RejectedInput(422, "invalid_lead_id", "lead_id is longer than " + MAX_LEAD_ID + " characters");
        }
        return text;
    }
}
