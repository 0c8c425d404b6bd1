package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Networx's public API (Basic auth, one webhook subscription per user, a sample lead) and two
 * sandbox-only helpers: {@code POST /leads} pushes a lead to a subscribed webhook as Networx
 * would, and {@code /callbacks} is an inbox for what the bridge sends back to the Networx side.
 * Paths are relative to the API root, e.g. {@code /public/validate}. Thread-safe.
 */
public final class NetworxEmulator {

    public static final String DEFAULT_USERS = "sandbox:sandbox:Sandbox Carpentry";

    private record Subscription(String id, String user, String webhookUrl) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, NetworxUser> configuredUsers;
    private final Map<String, NetworxUser> users = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptionByUser = new ConcurrentHashMap<>();
    private final CallbackInbox callbacks = new CallbackInbox();
    private final LeadDelivery delivery = new LeadDelivery();

    public NetworxEmulator() {
        this(NetworxUser.parse(DEFAULT_USERS));
    }

    public NetworxEmulator(List<NetworxUser> users) {
        Map<String, NetworxUser> byName = new LinkedHashMap<>();
        users.forEach(u -> byName.put(u.name(), u));
        this.configuredUsers = Map.copyOf(byName);
        this.users.putAll(configuredUsers);
    }

    public SandboxResponse handle(String method, String path, Map<String, String> query,
                                  Map<String, String> headers, byte[] body) {
        String verb = method.toUpperCase(Locale.ROOT);
        Map<String, String> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            header.putAll(headers);
        }
        String route = path.replaceAll("/+$", "");
        Map<String, String> params = query == null ? Map.of() : query;
        try {
            return switch (verb + " " + route) {
                case "GET /public/validate" -> validate(header);
                case "POST /public/subscription" -> subscribe(header, body);
                case "GET /public/test_trigger" -> testTrigger(header);
                case "POST /leads" -> pushLead(header, body);
                case "POST /callbacks" -> receiveCallback(header, body);
                case "GET /callbacks" -> SandboxResponse.json(200,
                        Map.of("callbacks", callbacks.list(params.get("type"))));
                case "DELETE /callbacks" -> SandboxResponse.json(200, Map.of("cleared", callbacks.clear()));
                default -> route.startsWith("/public/subscription/") && verb.equals("DELETE")
                        ? unsubscribe(header, route.substring("/public/subscription/".length()))
                        : message(404, "Not found");
            };
        } catch (ApiError error) {
            return error.toResponse();
        }
    }

    /** Adds or replaces an account at run time. */
    public void addUser(NetworxUser user) {
        users.put(user.name(), user);
    }

    /** The webhook URL a user has subscribed, if any. */
    public Optional<String> webhookUrl(String user) {
        return Optional.ofNullable(subscriptionByUser.get(user)).map(Subscription::webhookUrl);
    }

    /** Received callbacks, oldest first, optionally only one {@code type}. */
    public List<Map<String, Object>> callbacks(String typeOrNull) {
        return callbacks.list(typeOrNull);
    }

    /** Back to the configured users with no subscriptions and an empty inbox. */
    public void reset() {
        users.clear();
        users.putAll(configuredUsers);
        subscriptionByUser.clear();
        callbacks.clear();
    }

    /** The example lead of Networx's API description. */
    public static ObjectNode sampleLead() {
        ObjectNode lead = SandboxJson.object();
        lead.put("first_name", "Zapier");
        lead.put("last_name", "Test");
        lead.put("email", "test@networx.com");
        lead.put("phone", "2135467892");
        lead.put("address", "123 Fake Street");
        lead.put("city", "Nowhere");
        lead.put("state", "TK");
        lead.put("zip", "00001");
        lead.put("task_name", "Carpentry");
        lead.put("task_category", "Carpentry");
        lead.put("network", "Carpentry");
        lead.put("extra_information", "Test description");
        lead.put("lead_id", "12345678");
        lead.put("company_name", "John Doe's Carpentry");
        lead.put("is_exclusive", false);
        lead.put("price", "12.4");
        lead.put("source_id", "123456kl");
        lead.put("lead_date", "2025-02-11T11:13:39+02:00");
        lead.put("lead_attributes[What kind of location is this?]", "Home / Residence");
        lead.put("trustedform_cert_url", "https://cert.trustedform.com");
        lead.put("plan_id", "12345");
        lead.put("plan_name", "My Plan");
        return lead;
    }

    private SandboxResponse validate(Map<String, String> header) {
        NetworxUser user = authenticate(header);
        return SandboxResponse.json(200, Map.of("client_name", user.clientName()));
    }

    private SandboxResponse subscribe(Map<String, String> header, byte[] body) {
        NetworxUser user = authenticate(header);
        JsonNode json = SandboxJson.parse(body);
        String url = json.path("webhook_url").asText("");
        if (!isHttpUrl(url)) {
            throw ApiError.of(400, "webhook_url must be an absolute http or https URL");
        }
        Subscription subscription = new Subscription(newSubscriptionId(), user.name(), url);
        subscriptionByUser.put(user.name(), subscription);
        return SandboxResponse.json(200, Map.of("subscription_id", subscription.id()));
    }

    private SandboxResponse unsubscribe(Map<String, String> header, String subscriptionId) {
        NetworxUser user = authenticate(header);
        Subscription current = subscriptionByUser.get(user.name());
        if (current == null || !current.id().equals(subscriptionId)
                || !subscriptionByUser.remove(user.name(), current)) {
            return message(404, "Subscription not found");
        }
        return message(200, "Unsubscribed successfully");
    }

    private SandboxResponse testTrigger(Map<String, String> header) {
        authenticate(header);
        return SandboxResponse.json(200, sampleLead());
    }

    /** Delivers the exact bytes; names the user by Basic auth or falls back to the only subscription. */
    private SandboxResponse pushLead(Map<String, String> header, byte[] body) {
        SandboxJson.parse(body);
        Subscription target;
        if (header.get("Authorization") != null) {
            target = subscriptionByUser.get(authenticate(header).name());
            if (target == null) {
                return message(409, "This user has no webhook subscription to deliver the lead to");
            }
        } else {
            List<Subscription> active = List.copyOf(subscriptionByUser.values());
            if (active.size() != 1) {
                return message(409, active.isEmpty()
                        ? "No webhook subscription to deliver the lead to"
                        : "Several users have subscriptions; name one with Basic auth");
            }
            target = active.get(0);
        }
        try {
            LeadDelivery.Outcome outcome = delivery.post(target.webhookUrl(), body);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("delivered", true);
            answer.put("status", outcome.status());
            byte[] reply = outcome.body();
            answer.put("response", reply.length == 0 ? null : SandboxJson.parseLenient(reply));
            return SandboxResponse.json(200, answer);
        } catch (IOException | IllegalArgumentException e) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("delivered", false);
            answer.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            return SandboxResponse.json(502, answer);
        }
    }

    private SandboxResponse receiveCallback(Map<String, String> header, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            lower.put(name, header.get(name));
        }
        callbacks.store(lower, body);
        return SandboxResponse.empty(204);
    }

    private NetworxUser authenticate(Map<String, String> header) {
        String authorization = header.get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                NetworxUser user = colon < 0 ? null : users.get(decoded.substring(0, colon));
                if (user != null && user.password().equals(decoded.substring(colon + 1))) {
                    return user;
                }
            } catch (IllegalArgumentException e) {
                // not base64: falls through to 401
            }
        }
        Map<String, Object> body = Map.of("message", "Unauthorized");
        throw new ApiError(401, new LinkedHashMap<>(body));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String newSubscriptionId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SandboxResponse message(int status, String message) {
        return SandboxResponse.json(status, Map.of("message", message));
    }
}
