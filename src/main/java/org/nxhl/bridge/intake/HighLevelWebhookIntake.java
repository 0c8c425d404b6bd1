package org.nxhl.bridge.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.Intake;
import org.nxhl.bridge.inbox.NewEvent;
import org.nxhl.bridge.signature.HighLevelWebhookVerifier;
import org.nxhl.bridge.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a webhook HighLevel posted: checks the signature on the raw bytes, the timestamp's age and
 * that its webhookId is new, then stores it in the inbox before answering 202. A type HighLevel
 * lists becomes {@code highlevel.<type in kebab case>} ({@code TaskComplete} → {@code
 * highlevel.task-complete}); any other type is kept as {@code highlevel.unlisted}.
 */
public class HighLevelWebhookIntake implements Processor {

    public static final String SOURCE = "highlevel";
    public static final Set<String> TYPES = Set.of("ContactCreate", "ContactUpdate", "ContactDelete",
            "ContactTagUpdate", "ContactDndUpdate", "TaskCreate", "TaskComplete", "TaskDelete", "NoteCreate",
            "NoteUpdate", "NoteDelete", "INSTALL", "UNINSTALL");
    private static final Logger LOG = LoggerFactory.getLogger(HighLevelWebhookIntake.class);
    private static final int MAX_ID = 200;

    private final HighLevelWebhookVerifier verifier;
    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final Duration window;
    private final int maxBytes;
    private final Clock clock;

    public HighLevelWebhookIntake(HighLevelWebhookVerifier verifier, InboxStore inbox,
                                  InboxDispatcher dispatcher, Duration window, int maxBytes, Clock clock) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.window = window;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        try {
            byte[] raw = JsonBody.raw(exchange, maxBytes);
            Message in = exchange.getMessage();
            if (!verifier.verify(raw, in.getHeader("x-ghl-signature", String.class),
                    in.getHeader("x-wh-signature", String.class))) {
                throw new RejectedInput(401, "bad_signature", "the signature does not match the body");
            }
            JsonNode event = JsonBody.object(raw);
            checkAge(event.get("timestamp"));
            String webhookId = text(event, "webhookId");
            if (webhookId == null || webhookId.length() > MAX_ID) {
                throw new RejectedInput(400, "missing_webhook_id", "webhookId is required");
            }
            String type = text(event, "type");
            String eventType = eventType(type);
            Intake intake = inbox.accept(new NewEvent(SOURCE, eventType, text(event, "locationId"),
                    "highlevel-webhook:" + webhookId, new String(raw, StandardCharsets.UTF_8)));
            if (intake.duplicate()) {
                throw new RejectedInput(409, "replayed_webhook", "this webhookId was received before");
            }
            dispatcher.wake();
            Reply.json(exchange, 202, Map.of("status", "accepted", "type", eventType,
                    "eventId", intake.eventId()));
        } catch (RejectedInput e) {
            Reply.problem(exchange, e.status(), e.error(), e.getMessage());
        } catch (StoreUnavailableException e) {
            // HighLevel sends a webhook again only after a 429
            LOG.warn("HighLevel webhook refused with 429, the store is unavailable: {}",
                    e.reason());
            Reply.problem(exchange, 429, "store_unavailable",
                    "the webhook was not stored; send it again later");
            exchange.getMessage().setHeader("Retry-After", "5");
        }
    }

    /** The inbox type for a HighLevel event type. */
    public static String eventType(String type) {
        if (type == null || !TYPES.contains(type)) {
            return "highlevel.unlisted";
        }
        return "highlevel." + type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private void checkAge(JsonNode timestamp) {
        Instant at;
        try {
            at = timestamp == null || timestamp.isNull() ? null
                    : timestamp.isNumber() ? Instant.ofEpochMilli(timestamp.asLong())
                    : OffsetDateTime.parse(timestamp.asText()).toInstant();
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw new RejectedInput(400, "missing_timestamp", "timestamp is required, as ISO-8601");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(window)) || at.isAfter(now.plus(window))) {
            throw new RejectedInput(401, "stale_timestamp", "timestamp is outside the accepted window of "
                    + window.toSeconds() + " s");
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
