package org.nxhl.bridge.networx;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.NewEvent;
import org.nxhl.bridge.inbox.RetryLaterException;

/**
 * The callback to the Networx side: a flow hands over {@code {type, data}}; it is stored in the inbox as
 * {@code {type, timestamp, data}}, then signed per Standard Webhooks and posted until it is accepted.
 * A flow that sets {@link #CALLBACK_ID} gets one callback per id however often it runs.
 */
public class CallbackSender {

    public static final String TYPE = "networx.callback.send";
    public static final String CALLBACK_ID = "NetworxCallbackId";

    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final ObjectMapper json;
    private final Webhook signer;
    private final Clock clock;

    public CallbackSender(InboxStore inbox, InboxDispatcher dispatcher, ObjectMapper json, String secret,
                          Clock clock) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.json = json;
        this.signer = new Webhook(secret);
        this.clock = clock;
    }

    /** Stores the callback in the body; the flow that asked goes on at once. */
    public void store(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        Map<?, ?> callback = in.getBody(Map.class);
        if (callback == null || callback.get("type") == null) {
            throw new IllegalArgumentException("a Networx callback needs a type and data");
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", callback.get("type"));
        envelope.put("timestamp", clock.instant().toString());
        envelope.put("data", callback.get("data"));
        String id = in.getHeader(CALLBACK_ID, () -> UUID.randomUUID().toString(), String.class);
        inbox.accept(new NewEvent("bridge", TYPE, in.getHeader(InboxHeaders.LOCATION_ID, String.class),
                "networx-callback:" + id, json.writeValueAsString(envelope)));
        dispatcher.wake();
    }

    /** Leaves only the signature headers on the stored callback, signed now. */
    public void sign(Exchange exchange) throws WebhookSigningException {
        Message in = exchange.getMessage();
        String body = in.getBody(String.class);
        String id = "nxhl_" + in.getHeader(InboxHeaders.EVENT_ID, String.class);
        long seconds = clock.instant().getEpochSecond();
        in.removeHeaders("*");
        in.setHeader("webhook-id", id);
        in.setHeader("webhook-timestamp", String.valueOf(seconds));
        in.setHeader("webhook-signature", signer.sign(id, seconds, body));
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.setProperty("callbackId", id);
    }

    /** Anything but a 2xx is tried again later. */
    public void judge(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status < 200 || status > 299) {
            throw new RetryLaterException("the Networx callback URL answered " + status, (Throwable) null);
        }
        exchange.setProperty("outcome",
                "callback " + exchange.getProperty("callbackId") + " delivered, " + status);
    }
}
