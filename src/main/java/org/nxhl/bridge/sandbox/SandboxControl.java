package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's own control API for tests and benchmarks (JSON, no auth), paths relative to
 * {@code /sandbox/control}: {@code GET|PUT /faults}, {@code GET /calls[?timestamps=false]},
 * {@code POST /reset}, {@code GET|PUT /rate-limit}, {@code GET /contacts?locationId=},
 * {@code GET /custom-fields?locationId=}, {@code POST /tokens}, {@code DELETE /tokens/{token}},
 * {@code GET|PUT /webhooks} (the emitted webhooks: enabled, dropShare, seed, url, and counts) and
 * {@code POST /contacts/seed} ({@code {locationId, count, updatedAt}}: contacts added without calls).
 */
final class SandboxControl {

    private final HighLevelEmulator highLevel;
    private final NetworxEmulator networx;

    SandboxControl(HighLevelEmulator highLevel, NetworxEmulator networx) {
        this.highLevel = highLevel;
        this.networx = networx;
    }

    SandboxResponse handle(String method, String path, Map<String, String> query,
                           Map<String, String> headers, byte[] body) {
        String route = method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("/+$", "");
        try {
            return switch (route) {
                case "GET /faults" -> SandboxResponse.json(200, highLevel.faults());
                case "PUT /faults" -> setFaults(SandboxJson.parse(body));
                case "GET /calls" -> SandboxResponse.json(200,
                        highLevel.journal().snapshot(!"false".equals(query.get("timestamps"))));
                case "POST /reset" -> reset();
                case "GET /rate-limit" -> SandboxResponse.json(200, highLevel.rateLimit());
                case "PUT /rate-limit" -> setRateLimit(SandboxJson.parse(body));
                case "GET /contacts" -> SandboxResponse.json(200,
                        Map.of("contacts", highLevel.contacts(location(query))));
                case "GET /custom-fields" ->
                        SandboxResponse.json(200, highLevel.customFieldIds(location(query)));
                case "POST /tokens" -> registerToken(SandboxJson.parse(body));
                case "GET /webhooks" -> SandboxResponse.json(200, emitter().status());
                case "PUT /webhooks" ->
                        SandboxResponse.json(200, emitter().configure(SandboxJson.parse(body)));
                case "POST /contacts/seed" -> seed(SandboxJson.parse(body));
                default -> route.startsWith("DELETE /tokens/")
                        ? revokeToken(route.substring("DELETE /tokens/".length()))
                        : ApiError.of(404, "No control operation " + route).toResponse();
            };
        } catch (ApiError error) {
            return error.toResponse();
        } catch (IllegalArgumentException error) {
            return ApiError.badRequest(error.getMessage()).toResponse();
        }
    }

    private SandboxResponse setFaults(JsonNode json) {
        FaultSettings settings = new FaultSettings(
                json.path("latencyShare").asDouble(0), json.path("latencyMs").asLong(0),
                json.path("errorShare").asDouble(0), json.path("rateLimitShare").asDouble(0),
                json.path("dropShare").asDouble(0), json.path("timeoutShare").asDouble(0),
                json.path("timeoutMs").asLong(FaultSettings.NONE.timeoutMs()));
        highLevel.setFaults(settings);
        return SandboxResponse.json(200, settings);
    }

    private SandboxResponse setRateLimit(JsonNode json) {
        RateLimitPolicy current = highLevel.rateLimit();
        RateLimitPolicy policy = new RateLimitPolicy(json.path("max").asInt(current.max()),
                json.path("intervalMs").asLong(current.intervalMs()),
                json.path("daily").asInt(current.daily()));
        highLevel.setRateLimit(policy);
        return SandboxResponse.json(200, policy);
    }

    private SandboxResponse reset() {
        highLevel.reset();
        networx.reset();
        return SandboxResponse.json(200, Map.of("reset", true));
    }

    private SandboxResponse registerToken(JsonNode json) {
        String token = json.path("token").asText("");
        String locationId = json.path("locationId").asText("");
        if (token.isBlank() || locationId.isBlank()) {
            throw new IllegalArgumentException("token and locationId are required");
        }
        Set<String> scopes = new HashSet<>();
        JsonNode given = json.get("scopes");
        if (given == null) {
            scopes.addAll(HighLevelEmulator.DEFAULT_SCOPES);
        } else if (given.isArray()) {
            given.forEach(s -> scopes.add(s.asText()));
        } else {
            scopes.addAll(Set.of(given.asText().trim().split("\\s+")));
        }
        Instant expiresAt = json.hasNonNull("expiresAt")
                ? Instant.parse(json.get("expiresAt").asText()) : null;
        highLevel.registerToken(token, locationId, scopes, expiresAt);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token);
        answer.put("locationId", locationId);
        answer.put("scopes", scopes);
        answer.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        return SandboxResponse.json(201, answer);
    }

    private WebhookEmitter emitter() {
        WebhookEmitter emitter = highLevel.webhookEmitter();
        if (emitter == null) {
            throw ApiError.of(409, "this sandbox sends no webhooks; set sandbox.ghl.webhooks.url");
        }
        return emitter;
    }

    private SandboxResponse seed(JsonNode json) {
        int count = json.path("count").asInt(0);
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("count must be between 1 and 1000000");
        }
        long updated = json.hasNonNull("updatedAt")
                ? Instant.parse(json.get("updatedAt").asText()).toEpochMilli() : System.currentTimeMillis();
        String locationId = json.path("locationId").asText(HighLevelEmulator.DEFAULT_LOCATION);
        int seeded = highLevel.seedContacts(locationId, count, updated).size();
        return SandboxResponse.json(201, Map.of("seeded", seeded));
    }

    private SandboxResponse revokeToken(String token) {
        highLevel.revokeToken(token);
        return SandboxResponse.empty(204);
    }

    private static String location(Map<String, String> query) {
        return query.getOrDefault("locationId", HighLevelEmulator.DEFAULT_LOCATION);
    }
}
