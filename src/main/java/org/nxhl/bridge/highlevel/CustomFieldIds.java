package org.nxhl.bridge.highlevel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a custom field named by id, field key ({@code contact.job_status}) or name ({@code Job status})
 * into the id webhook payloads carry, from the location's custom field list, read once per {@code ttl}.
 */
public class CustomFieldIds {

    private record Entry(Map<String, String> ids, Instant readAt) {
    }

    private final HighLevelCalls highLevel;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> byLocation = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public CustomFieldIds(HighLevelCalls highLevel, Duration ttl, Clock clock) {
        this.highLevel = highLevel;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The id, or null when the location has no such custom field. */
    public String idOf(String locationId, String reference) throws InterruptedException {
        Entry entry = byLocation.get(locationId);
        if (entry == null || stale(entry)) {
            entry = refresh(locationId);
        }
        return entry.ids().get(reference.trim().toLowerCase(Locale.ROOT));
    }

    // one reader per location at a time, so many events at once cost one call
    private Entry refresh(String locationId) throws InterruptedException {
        synchronized (locks.computeIfAbsent(locationId, id -> new Object())) {
            Entry entry = byLocation.get(locationId);
            if (entry == null || stale(entry)) {
                entry = new Entry(read(locationId), clock.instant());
                byLocation.put(locationId, entry);
            }
            return entry;
        }
    }

    private boolean stale(Entry entry) {
        return entry.readAt().plus(ttl).isBefore(clock.instant());
    }

    private Map<String, String> read(String locationId) throws InterruptedException {
        JsonNode answer = highLevel.call(locationId, "GET", "/locations/" + locationId + "/customFields",
                null);
        Map<String, String> ids = new HashMap<>();
        for (JsonNode field : answer.path("customFields")) {
            String id = field.path("id").asText(null);
            if (id == null) {
                continue;
            }
            String[] names = {id, field.path("fieldKey").asText(""), field.path("name").asText("")};
            for (String name : names) {
                if (!name.isBlank()) {
                    ids.putIfAbsent(name.toLowerCase(Locale.ROOT), id);
                }
            }
        }
        return ids;
    }
}
