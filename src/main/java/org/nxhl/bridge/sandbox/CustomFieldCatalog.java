package org.nxhl.bridge.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The custom field definitions of each location; every location gets the configured keys. */
final class CustomFieldCatalog {

    /** One definition; {@code key} is HighLevel's fieldKey, e.g. {@code contact.networx_lead_id}. */
    record Definition(String id, String key, String name) {
    }

    private final Map<String, Map<String, Definition>> byLocation = new ConcurrentHashMap<>();
    private final List<String> defaultKeys;

    CustomFieldCatalog(List<String> defaultKeys) {
        this.defaultKeys = List.copyOf(defaultKeys);
    }

    void clear() {
        byLocation.clear();
    }

    List<Definition> definitions(String locationId) {
        return List.copyOf(fields(locationId).values());
    }

    /** The definition with this id or key in the location, or null. */
    Definition find(String locationId, String idOrKey) {
        Map<String, Definition> fields = fields(locationId);
        Definition byId = fields.get(idOrKey);
        if (byId != null) {
            return byId;
        }
        String key = idOrKey.startsWith("contact.") ? idOrKey : "contact." + idOrKey;
        return fields.values().stream().filter(d -> d.key().equals(key)).findFirst().orElse(null);
    }

    private Map<String, Definition> fields(String locationId) {
        return byLocation.computeIfAbsent(locationId, this::defaults);
    }

    private Map<String, Definition> defaults(String locationId) {
        Map<String, Definition> fields = new LinkedHashMap<>();
        for (String key : defaultKeys) {
            String fieldKey = key.startsWith("contact.") ? key : "contact." + key;
            String id = Ids.stable(locationId + "/" + fieldKey);
            fields.put(id, new Definition(id, fieldKey, fieldKey.substring("contact.".length())));
        }
        return Collections.unmodifiableMap(fields);
    }
}
