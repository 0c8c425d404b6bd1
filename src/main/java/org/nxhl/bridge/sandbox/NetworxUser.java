package org.nxhl.bridge.sandbox;

import java.util.ArrayList;
import java.util.List;

/** A Networx account the emulator accepts with HTTP Basic auth. */
public record NetworxUser(String name, String password, String clientName) {

    /**
     * Reads {@code user:password:Client Name} entries separated by {@code ;}. Neither user nor
     * password may hold {@code :} or {@code ;}; the client name may hold {@code :}.
     */
    public static List<NetworxUser> parse(String spec) {
        List<NetworxUser> users = new ArrayList<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", 3);
            if (parts.length < 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("a Networx user reads user:password:Client Name");
            }
            users.add(new NetworxUser(parts[0], parts[1], parts.length == 3 ? parts[2] : parts[0]));
        }
        return users;
    }
}
