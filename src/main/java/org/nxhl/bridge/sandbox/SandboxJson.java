package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one JSON mapper of the sandbox and a few helpers around it. */
public final class SandboxJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxJson() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a body; an empty body reads as a missing node, malformed JSON as a 400. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MAPPER.missingNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Unexpected token in JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as JSON when it is JSON, otherwise as a plain string. */
    public static JsonNode parseLenient(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.getNodeFactory().textNode("") : node;
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
