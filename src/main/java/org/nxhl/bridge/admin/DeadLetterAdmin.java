package org.nxhl.bridge.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    /** Lets the call through, or answers 401 (or 503 when no admin token is configured) and stops it. */
    public boolean authorized(Exchange exchange) {
        if (token == null) {
            Reply.problem(exchange, 503, "admin_disabled", "no admin token is configured");
            return false;
        }
        String given = exchange.getMessage().getHeader("Authorization", String.class);
        byte[] bytes = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
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
        Message in = exchange.getMessage();
        int limit = Math.min(MAX_LIST, parseInt(in.getHeader("limit", String.class), 100));
        answer(exchange, () -> Map.of("deadLetters", inbox.deadLetters(in.getHeader("type", String.class),
                in.getHeader("location", String.class), limit)));
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
        if (id != null) {
            replayed(exchange, () -> inbox.replay(id, null, null));
        }
    }

    public void replayMany(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        Message in = exchange.getMessage();
        String type = in.getHeader("type", String.class);
        String location = in.getHeader("location", String.class);
        if (type == null && location == null && !"true".equals(in.getHeader("all", String.class))) {
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
