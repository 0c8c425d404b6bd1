package org.nxhl.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A path like {@code /contacts/{contactId}/notes/{id}}; trailing slashes do not matter. */
final class PathTemplate {

    private final String text;
    private final String[] segments;

    PathTemplate(String text) {
        this.text = text;
        this.segments = split(text);
    }

    String text() {
        return text;
    }

    /** The path parameters when the path fits, otherwise null. */
    Map<String, String> match(String path) {
        String[] parts = split(path);
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }
}
