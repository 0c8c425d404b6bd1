package org.nxhl.bridge.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.intake.Reply;
import org.nxhl.bridge.store.StoreUnavailableException;

/**
 * The admin API over the inbox: list dead letters, inspect one event with every attempt, and replay
 * one, or all of a type or location. Every call needs the admin token as a bearer token.
 */
public class DeadLetterAdmin {

    private static final int MAX_LIST = 500;

    private final InboxStore inbox;
    private final InboxDispatcher dispatcher;
    private final byte[] token;
    private final ObjectMapper json;

    public DeadLetterAdmin(InboxStore inbox, InboxDispatcher dispatcher, String token, ObjectMapper json) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    /** Lets the call through, or answers 401 (or 503 when no admin token is configured) and stops it. */
    public boolean authorized(Exchange exchange) {
        if (token == null) {
            Reply.problem(exchange, 503, "admin_disabled", "no admin token is configured");
            return false;
        }
        String given = exchange.getMessage().getHeader("Authorization", String.class);
        // the scheme is case-insensitive in HTTP; the token is compared in full, in constant time
        boolean bearer = given != null && given.regionMatches(true, 0, "Bearer ", 0, 7);
        byte[] bytes = bearer ? given.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(bytes, token)) {
            Reply.problem(exchange, 401, "unauthorized", "the admin token is missing or wrong");
            return false;
        }
        return true;
    }

    public void list(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        Map<String, String> query = query(exchange);
        int limit = Math.min(MAX_LIST, parseInt(query.get("limit"), 100));
        answer(exchange, () -> Map.of("deadLetters", inbox.deadLetters(query.get("type"), query.get("location"),
                limit)));
    }

    public void inspect(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        Long id = eventId(exchange);
        if (id == null) {
            return;
        }
        answer(exchange, () -> {
            var event = inbox.event(id);
            if (event.isEmpty()) {
                return null;
            }
            Map<String, Object> body = new LinkedHashMap<>(event.get());
            body.put("body", parseBody((String) body.get("body")));
            body.put("attempts", inbox.attempts(id));
            return body;
        });
    }

    public void replayOne(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        Long id = eventId(exchange);
        if (id == null) {
            return;
        }
        try {
            Optional<Map<String, Object>> event = inbox.event(id);
            if (event.isEmpty()) {
                Reply.problem(exchange, 404, "not_found", "no such event");
            } else if (!"dead".equals(event.get().get("status"))) {
                Reply.problem(exchange, 409, "not_dead", "event " + id + " is " + event.get().get("status")
                        + ", not a dead letter");
            } else {
                replayed(exchange, () -> inbox.replay(id, null, null));
            }
        } catch (StoreUnavailableException e) {
            Reply.problem(exchange, 503, "store_unavailable", "the store is unavailable; try again");
        }
    }

    /** The query string's parameters; request headers of the same names do not count. */
    private static Map<String, String> query(Exchange exchange) {
        String raw = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value.isEmpty() ? null : value);
        }
        return params;
    }

    public void replayMany(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        Map<String, String> query = query(exchange);
        String type = query.get("type");
        String location = query.get("location");
        if (type == null && location == null && !"true".equals(query.get("all"))) {
            Reply.problem(exchange, 400, "missing_filter", "name a type or a location, or say all=true");
            return;
        }
        replayed(exchange, () -> inbox.replay(null, type, location));
    }

    private void replayed(Exchange exchange, java.util.function.IntSupplier replay) {
        answer(exchange, () -> {
            int n = replay.getAsInt();
            if (n > 0) {
                dispatcher.wake();
            }
            return Map.of("replayed", n);
        });
    }

    private void answer(Exchange exchange, java.util.function.Supplier<Map<String, ?>> work) {
        try {
            Map<String, ?> body = work.get();
            if (body == null) {
                Reply.problem(exchange, 404, "not_found", "no such event");
            } else {
                Reply.json(exchange, 200, body);
            }
        } catch (StoreUnavailableException e) {
            Reply.problem(exchange, 503, "store_unavailable", "the store is unavailable; try again");
        }
    }

    private Long eventId(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("id", String.class);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            Reply.problem(exchange, 400, "bad_id", "the event id must be a number");
            return null;
        }
    }

    private Object parseBody(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return body;
        }
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
