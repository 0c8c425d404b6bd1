package org.nxhl.bridge.location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nxhl.bridge.Settings;

/** The configured locations: {@code bridge.locations} names them, {@code location.<id>.*} describes each. */
public final class Locations {

    private final Map<String, Location> byId = new LinkedHashMap<>();

    public Locations(List<Location> locations) {
        locations.forEach(l -> byId.put(l.id(), l));
    }

    public static Locations from(Settings settings) {
        return new Locations(settings.list("bridge.locations").stream().map(id -> read(settings, id)).toList());
    }

    private static Location read(Settings settings, String id) {
        String prefix = "location." + id + ".";
        String key = settings.required(prefix + "intake-key");
        if (key.length() < 24) {
            throw new IllegalStateException(prefix + "intake-key must be at least 24 characters, unguessable");
        }
        Optional<Location.NetworxAccount> networx = settings.optional(prefix + "networx.username")
                .map(user -> new Location.NetworxAccount(user, settings.string(prefix + "networx.password", "")));
        return new Location(id, key, settings.optional(prefix + "private-token"), networx);
    }

    public Optional<Location> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Location> all() {
        return List.copyOf(byId.values());
    }

    /** The location whose intake key this is; every key is compared in full, in constant time. */
    public Optional<Location> byIntakeKey(String candidate) {
        byte[] given = candidate == null ? new byte[0] : candidate.getBytes(StandardCharsets.UTF_8);
        Location found = null;
        for (Location location : byId.values()) {
            if (MessageDigest.isEqual(given, location.intakeKey().getBytes(StandardCharsets.UTF_8))) {
                found = location;
            }
        }
        return Optional.ofNullable(found);
    }
}
