package org.nxhl.bridge.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;

/**
 * Posts events to the bridge as the Networx side would, signed per Standard Webhooks with the
 * sandbox location's secret, and reads back the callbacks the sandbox Networx side received.
 */
public final class NetworxEvents {

    /** The secrets application.properties gives the sandbox. */
    public static final String EVENT_SECRET = "whsec_slmic21BIy69sauALmEOiYOWHRyB93+olLBxSIKaX74=";
    public static final String CALLBACK_SECRET = "whsec_8JwXRBO6M+udEx8OADRot/fXBbW+NX5aEsO/c2jKf00=";

    private final RunningBridge bridge;

    public NetworxEvents(RunningBridge bridge) {
        this.bridge = bridge;
    }

    public String url() {
        return bridge.url("/webhooks/networx/events/sandbox");
    }

    /** Posts the event signed now under a new webhook-id. */
    public Http.Answer post(String body) throws Exception {
        return post(body, "msg_" + UUID.randomUUID(), Instant.now());
    }

    public Http.Answer post(String body, String webhookId, Instant at) throws Exception {
        String signature = new Webhook(EVENT_SECRET).sign(webhookId, at.getEpochSecond(), body);
        return Http.postJson(url(), body, "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(at.getEpochSecond()), "webhook-signature", signature);
    }

    /** Callbacks of one type the sandbox received, each checked to be signed with the callback secret. */
    public List<JsonNode> callbacks(String type) throws Exception {
        Http.Answer answer = Http.get(bridge.url("/sandbox/networx/callbacks?type=" + type));
        List<JsonNode> verified = new ArrayList<>();
        for (JsonNode callback : answer.json().path("callbacks")) {
            new Webhook(CALLBACK_SECRET).verify(callback.path("body").asText(), Map.of(
                    "webhook-id", List.of(callback.path("webhookId").asText()),
                    "webhook-timestamp", List.of(callback.path("webhookTimestamp").asText()),
                    "webhook-signature", List.of(callback.path("webhookSignature").asText())));
            verified.add(Http.JSON.readTree(callback.path("body").asText()));
        }
        return verified;
    }
}
