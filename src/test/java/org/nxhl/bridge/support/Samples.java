package org.nxhl.bridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sample events in src/test/resources/networx, as text or as a JSON object to vary. */
public final class Samples {

    private Samples() {
    }

    public static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/networx/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object(String name) {
        try {
            return (ObjectNode) Http.JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
