package org.nxhl.bridge.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.Intake;
import org.nxhl.bridge.inbox.NewEvent;
import org.nxhl.bridge.intake.JsonBody;
import org.nxhl.bridge.intake.RejectedInput;
import org.nxhl.bridge.intake.Reply;
import org.nxhl.bridge.signature.StandardWebhookSignature;
import org.nxhl.bridge.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a signed Networx event for the location named in the path, checks its Standard Webhooks
 * signature on the raw bytes with that location's secret, checks its shape, and stores it keyed by
 * {@code webhook-id} before answering: 202 when stored, 200 when that id was already stored.
 */
public class NetworxEventIntake implements Processor {

    public static final String SOURCE = "networx";
    /** Inbox types are the event type behind this prefix: contact.updated is networx.contact.updated. */
    public static final String TYPE_PREFIX = "networx.";
    private static final Logger LOG = LoggerFactory.getLogger(NetworxEventIntake.class);
    private static final int MAX_WEBHOOK_ID = 200;

    private final Map<String, StandardWebhookSignature> signatures;
    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final int maxBytes;

    /** {@code signatures} holds the locations that accept events, each with its account's secret. */
    public NetworxEventIntake(Map<String, StandardWebhookSignature> signatures, InboxStore inbox,
                              InboxDispatcher dispatcher, int maxBytes) {
        this.signatures = Map.copyOf(signatures);
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        try {
            String locationId = lastSegment(in.getHeader(Exchange.HTTP_URI, String.class));
            StandardWebhookSignature signature = Optional.ofNullable(signatures.get(locationId))
                    .orElseThrow(() -> new RejectedInput(404, "unknown_location",
                            "no location takes Networx events at this address"));
            byte[] raw = JsonBody.raw(exchange, maxBytes);
            String webhookId = in.getHeader(StandardWebhookSignature.ID, String.class);
            signature.verify(raw, webhookId, in.getHeader(StandardWebhookSignature.TIMESTAMP, String.class),
                    in.getHeader(StandardWebhookSignature.SIGNATURE, String.class));
            if (webhookId.length() > MAX_WEBHOOK_ID) {
                throw new RejectedInput(400, "invalid_webhook_id",
                        "webhook-id is longer than " + MAX_WEBHOOK_ID);
            }
            String type = EventShape.check(JsonBody.object(raw));
            String key = "networx-event:" + locationId + ":" + webhookId;
            Intake intake = inbox.accept(new NewEvent(SOURCE, TYPE_PREFIX + type, locationId, key,
                    new String(raw, StandardCharsets.UTF_8)));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", intake.duplicate() ? "duplicate" : "accepted");
            answer.put("webhookId", webhookId);
            answer.put("type", type);
            if (intake.duplicate()) {
                Reply.json(exchange, 200, answer);
                return;
            }
            answer.put("eventId", intake.eventId());
            dispatcher.wake();
            Reply.json(exchange, 202, answer);
        } catch (StandardWebhookSignature.Refusal e) {
            Reply.problem(exchange, 401, e.code(), e.getMessage());
        } catch (RejectedInput e) {
            Reply.problem(exchange, e.status(), e.error(), e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("Networx event refused with 503, the store is unavailable: {}",
                    e.reason());
            Reply.problem(exchange, 503, "store_unavailable",
                    "the event was not stored; send it again later");
            exchange.getMessage().setHeader("Retry-After", "5");
        }
    }

    /** The last path segment; read from the URI so a request header named like it cannot stand in. */
    private static String lastSegment(String uri) {
        if (uri == null) {
            return "";
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
