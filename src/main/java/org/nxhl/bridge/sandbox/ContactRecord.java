package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stored contact with what hangs off it; guarded by the lock of its {@link ContactBook}. */
final class ContactRecord {

    final ObjectNode data;
    final Map<String, ObjectNode> notes = new LinkedHashMap<>();
    final Map<String, ObjectNode> tasks = new LinkedHashMap<>();
    final List<ObjectNode> appointments = new ArrayList<>();
    long addedMillis;
    long updatedMillis;

    ContactRecord(ObjectNode data, long nowMillis) {
        this.data = data;
        this.addedMillis = nowMillis;
        this.updatedMillis = nowMillis;
    }

    String id() {
        return data.path("id").asText();
    }

    String email() {
        return data.hasNonNull("email") ? data.get("email").asText() : null;
    }

    String phone() {
        return data.hasNonNull("phone") ? data.get("phone").asText() : null;
    }

    String displayName() {
        String name = data.path("name").asText("");
        if (!name.isBlank()) {
            return name;
        }
        return (data.path("firstName").asText("") + " " + data.path("lastName").asText("")).trim();
    }
}
