package org.nxhl.bridge.intake;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The checks every webhook body passes before anything else looks at it: type, size, JSON object. */
public final class JsonBody {

    // strict: trailing text after the object and a key given twice are refused, not silently dropped
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final byte[] NUL_ESCAPE = "\\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonBody() {
    }

    /**
     * The raw bytes of a POST, refused when they are not JSON, larger than {@code maxBytes}, or carry a
     * NUL character, which no text column of the store can hold.
     */
    public static byte[] raw(Exchange exchange, int maxBytes) {
        Message in = exchange.getMessage();
        if (!"POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new RejectedInput(405, "method_not_allowed", "only POST is accepted here");
        }
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
        if (indexOf(body, (byte) 0) >= 0 || contains(body, NUL_ESCAPE)) {
            throw new RejectedInput(400, "nul_character", "the body holds a NUL character");
        }
        return body;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether text holds a control or an invisible formatting character, unfit for ids and log lines. */
    public static boolean hasControlCharacters(String text) {
        return text.codePoints()
                .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
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
