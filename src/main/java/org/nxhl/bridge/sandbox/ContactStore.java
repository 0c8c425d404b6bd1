package org.nxhl.bridge.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All locations' contact books. */
final class ContactStore {

    private final Map<String, ContactBook> books = new ConcurrentHashMap<>();

    ContactBook book(String locationId) {
        return books.computeIfAbsent(locationId, ContactBook::new);
    }

    void clear() {
        books.clear();
    }
}
