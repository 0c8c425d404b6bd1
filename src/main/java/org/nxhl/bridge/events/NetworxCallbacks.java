package org.nxhl.bridge.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.NewEvent;
import org.nxhl.bridge.inbox.PermanentFailureException;
import org.nxhl.bridge.inbox.RetryLaterException;
import org.nxhl.bridge.signature.StandardWebhookSignature;

/**
 * Callbacks to the Networx side. A flow does not send one itself: it stores it in the inbox as an
 * event of type {@code networx.callback}, once per flow event and callback type, so it survives a
 * restart and is sent once; the dispatcher then hands it to {@link #send}, which signs it per Standard
 * Webhooks and posts it to the one configured URL, retried with the inbox's backoff until accepted.
 */
public class NetworxCallbacks {

    public static final String TYPE = "networx.callback";
    /** The callback type a flow asks for, set by the networx-callback-action Kamelet. */
    public static final String TYPE_HEADER = "NetworxCallbackType";
    /** Tells apart two callbacks of one type from one event (two tag rules firing, say). */
    public static final String KEY_HEADER = "NetworxCallbackKey";

    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final ObjectMapper json;
    private final URI url;
    private final StandardWebhookSignature signature;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    public NetworxCallbacks(InboxStore inbox, InboxDispatcher dispatcher, ObjectMapper json, URI url,
                            StandardWebhookSignature signature, Duration timeout, Clock clock) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.json = json;
        this.url = url;
        this.signature = signature;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Stores the body as the data of a callback of the type the header names; the body is kept. */
    public void enqueue(Exchange exchange) {
        Message in = exchange.getMessage();
        String type = in.getHeader(TYPE_HEADER, String.class);
        Long eventId = in.getHeader(InboxHeaders.EVENT_ID, Long.class);
        String locationId = in.getHeader(InboxHeaders.LOCATION_ID, String.class);
        String key = in.getHeader(KEY_HEADER, String.class);
        in.removeHeader(TYPE_HEADER);
        in.removeHeader(KEY_HEADER);
        if (type == null || eventId == null) {
            throw new IllegalStateException("a callback needs a type and the inbox event it answers");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", EventSteps.isoSeconds(clock.instant()));
        payload.put("data", in.getBody());
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("webhookId", "msg_" + UUID.randomUUID().toString().replace("-", ""));
        stored.put("payload", text(payload));
        String idempotencyKey = "networx-callback:" + eventId + ":" + type + (key == null ? "" : ":" + key);
        inbox.accept(new NewEvent("bridge", TYPE, locationId, idempotencyKey, text(stored)));
        dispatcher.wake();
    }

    /** Posts one stored callback: a 2xx is done, throttling and 5xx are tried again, other 4xx are dead. */
    public void send(Exchange exchange) throws InterruptedException {
        JsonNode stored = read(exchange.getMessage().getBody(String.class));
        String webhookId = stored.path("webhookId").asText();
        String payload = stored.path("payload").asText();
        Instant now = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(StandardWebhookSignature.ID, webhookId)
                .header(StandardWebhookSignature.TIMESTAMP, Long.toString(now.getEpochSecond()))
                .header(StandardWebhookSignature.SIGNATURE, signature.sign(webhookId, now, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetryLaterException("the Networx callback could not be sent: "
                    + e.getClass().getSimpleName(), e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw refused(response, now);
        }
        exchange.setProperty("outcome", "callback " + webhookId + " accepted with " + status);
    }

    /**
     * The outcome rules of every call: 429 waits for the Retry-After it gives, other throttling and 5xx
     * answers are tried again with the inbox's backoff, and any other refusal is dead at once with what
     * the receiver said, to be replayed once the cause (a secret, say) is fixed.
     */
    private static RuntimeException refused(HttpResponse<String> response, Instant now) {
        int status = response.statusCode();
        String said = "the Networx callback was answered " + status;
        if (status == 429) {
            Instant at = response.headers().firstValue("Retry-After").flatMap(NetworxCallbacks::seconds)
                    .map(now::plusSeconds).orElse(null);
            return at != null ? new RetryLaterException(said, at)
                    : new RetryLaterException(said, (Throwable) null);
        }
        if (status >= 500 || status == 408 || status == 425) {
            return new RetryLaterException(said, (Throwable) null);
        }
        String body = response.body() == null ? "" : response.body().strip();
        return new PermanentFailureException(said + (body.isEmpty() ? ""
                : ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body)));
    }

    private static Optional<Long> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds >= 0 ? Optional.of(Math.min(seconds, 3600)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the callback is not JSON", e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PermanentFailureException("the stored callback is not JSON");
        }
    }
}
