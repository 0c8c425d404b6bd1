package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** Callbacks the bridge sent to the Networx side, kept with their signature headers and raw body. */
final class CallbackInbox {

    static final int CAPACITY = 10_000;

    private final Deque<Map<String, Object>> received = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    void store(Map<String, String> headers, byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8);
        JsonNode json = SandboxJson.parseLenient(body);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("receivedAt", Instant.now().toString());
        entry.put("webhookId", headers.get("webhook-id"));
        entry.put("webhookTimestamp", headers.get("webhook-timestamp"));
        entry.put("webhookSignature", headers.get("webhook-signature"));
        entry.put("type", json.path("type").asText(null));
        entry.put("body", raw);
        entry.put("json", json);
        received.addLast(entry);
        if (size.incrementAndGet() > CAPACITY && received.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    /** Oldest first; only those of the given {@code type} when it is not null. */
    List<Map<String, Object>> list(String type) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> entry : received) {
            if (type == null || type.equals(entry.get("type"))) {
                matching.add(entry);
            }
        }
        return matching;
    }

    int clear() {
        int cleared = 0;
        while (received.pollFirst() != null) {
            cleared++;
            size.decrementAndGet();
        }
        return cleared;
    }
}
