package org.nxhl.bridge.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contacts of one location, indexed by id, lower-cased email and phone. Not thread-safe by
 * itself: callers hold the book's monitor for a whole operation, so a match-then-write is atomic.
 */
final class ContactBook {

    private final String locationId;
    private final Map<String, ContactRecord> byId = new LinkedHashMap<>();
    private final Map<String, String> idByEmail = new HashMap<>();
    private final Map<String, String> idByPhone = new HashMap<>();

    ContactBook(String locationId) {
        this.locationId = locationId;
    }

    String locationId() {
        return locationId;
    }

    /** The contact, or the 400 HighLevel answers for an unknown id. */
    ContactRecord require(String contactId) {
        ContactRecord record = byId.get(contactId);
        if (record == null) {
            throw ApiError.badRequest("Contact not found");
        }
        return record;
    }

    ContactRecord byEmail(String email) {
        return email == null ? null : byId.get(idByEmail.get(email.toLowerCase(Locale.ROOT)));
    }

    ContactRecord byPhone(String phone) {
        return phone == null ? null : byId.get(idByPhone.get(phone));
    }

    List<ContactRecord> all() {
        return new ArrayList<>(byId.values());
    }

    int size() {
        return byId.size();
    }

    /** Stores a new or changed contact; pass the email and phone it had before a change. */
    void save(ContactRecord record, String previousEmail, String previousPhone) {
        if (previousEmail != null) {
            idByEmail.remove(previousEmail.toLowerCase(Locale.ROOT), record.id());
        }
        if (previousPhone != null) {
            idByPhone.remove(previousPhone, record.id());
        }
        byId.put(record.id(), record);
        if (record.email() != null) {
            idByEmail.put(record.email().toLowerCase(Locale.ROOT), record.id());
        }
        if (record.phone() != null) {
            idByPhone.put(record.phone(), record.id());
        }
    }

    void remove(ContactRecord record) {
        byId.remove(record.id());
        if (record.email() != null) {
            idByEmail.remove(record.email().toLowerCase(Locale.ROOT), record.id());
        }
        if (record.phone() != null) {
            idByPhone.remove(record.phone(), record.id());
        }
    }
}
