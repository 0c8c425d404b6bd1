package org.nxhl.bridge.intake;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes an intake answer. Every request header is dropped first: platform-http would otherwise
 * copy them into the response, and a caller's credentials must never come back to it.
 */
public final class Reply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reply() {
    }

    public static void json(Exchange exchange, int status, Map<String, ?> body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refusal: {@code error} is a stable code for programs, {@code message} says it for people. */
    public static void problem(Exchange exchange, int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        json(exchange, status, body);
    }
}
