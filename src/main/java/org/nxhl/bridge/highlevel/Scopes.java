package org.nxhl.bridge.highlevel;

import java.util.Set;

import org.nxhl.bridge.inbox.PermanentFailureException;

/** Which scope a HighLevel call needs: every POST, PUT and DELETE writes, except a contact search. */
public final class Scopes {

    public static final String READ = "contacts.readonly";
    public static final String WRITE = "contacts.write";

    private Scopes() {
    }

    public static boolean writes(String method, String path) {
        boolean search = "POST".equals(method) && path.startsWith("/contacts/search");
        return !search && ("POST".equals(method) || "PUT".equals(method) || "DELETE".equals(method));
    }

    /** Refuses, naming the missing scope, a write the location's token was not granted. */
    public static void check(String locationId, String method, String path, Set<String> granted) {
        if (writes(method, path) && !granted.contains(WRITE)) {
            throw new PermanentFailureException("location " + locationId + " lacks the scope " + WRITE
                    + " that " + method + " " + path + " needs (granted: " + String.join(" ", granted)
                    + "); not sent to HighLevel");
        }
    }
}
