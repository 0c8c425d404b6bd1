package org.nxhl.bridge.intake;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The checks every webhook body passes before anything else looks at it: type, size, JSON object. */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /** The raw bytes of the request, refused when they are not JSON or larger than {@code maxBytes}. */
    public static byte[] raw(Exchange exchange, int maxBytes) {
        Message in = exchange.getMessage();
        String type = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new RejectedInput(415, "unsupported_media_type", "the body must be application/json");
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new RejectedInput(400, "empty_body", "the body is empty");
        }
        if (body.length > maxBytes) {
            throw new RejectedInput(413, "body_too_large", "the body is over " + maxBytes + " bytes");
        }
        return body;
    }

    /** The body as a JSON object, refused when it is anything else. */
    public static JsonNode object(byte[] raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new RejectedInput(400, "not_an_object", "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RejectedInput(400, "malformed_json", "the body is not valid JSON");
        } catch (java.io.IOException e) {
            throw new RejectedInput(400, "malformed_json", "the body could not be read");
        }
    }
}
