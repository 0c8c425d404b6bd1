package org.nxhl.bridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an emulator answers, independent of any HTTP stack. {@code delivery} tells the HTTP
 * adapter whether to send the answer, to close the connection without one, or to withhold it
 * for {@code delayMs} first (a timeout as the caller sees it); {@code delayMs} also carries
 * injected latency for an ordinary answer.
 */
public record SandboxResponse(int status, Map<String, String> headers, byte[] body,
                              Delivery delivery, long delayMs) {

    /** How the adapter hands the answer over. */
    public enum Delivery { ANSWER, DROP, TIMEOUT }

    public SandboxResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    public static SandboxResponse json(int status, Object body) {
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        return new SandboxResponse(status, headers, SandboxJson.bytes(body), Delivery.ANSWER, 0);
    }

    public static SandboxResponse empty(int status) {
        return new SandboxResponse(status, Map.of(), new byte[0], Delivery.ANSWER, 0);
    }

    public SandboxResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new SandboxResponse(status, merged, body, delivery, delayMs);
    }

    public SandboxResponse withDelivery(Delivery newDelivery, long newDelayMs) {
        return new SandboxResponse(status, headers, body, newDelivery, newDelayMs);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
