package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Contacts: create, upsert, read, update, delete, duplicate lookup, old list, tags, appointments. */
final class ContactOperations {

    private final ContactStore store;
    private final CustomFieldCatalog catalog;
    private final Clock clock;

    ContactOperations(ContactStore store, CustomFieldCatalog catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    SandboxResponse create(ApiCall call) {
        String locationId = requireLocationId(call, call.body().path("locationId").asText(null));
        ContactInput input = ContactInput.read(call.body(), catalog, locationId);
        ContactBook book = store.book(locationId);
        synchronized (book) {
            refuseDuplicate(book, input, null);
            ContactRecord record = newRecord(locationId);
            input.applyTo(record.data);
            book.save(record, null, null);
            return SandboxResponse.json(201, Map.of("contact", record.data.deepCopy()));
        }
    }

    /** Matches by email (any case), then by phone, as a location set to email first does. */
    SandboxResponse upsert(ApiCall call) {
        String locationId = requireLocationId(call, call.body().path("locationId").asText(null));
        ContactInput input = ContactInput.read(call.body(), catalog, locationId);
        ContactBook book = store.book(locationId);
        synchronized (book) {
            ContactRecord match = book.byEmail(input.email());
            if (match == null) {
                match = book.byPhone(input.phone());
            }
            boolean created = match == null;
            ContactRecord record = created ? newRecord(locationId) : match;
            String previousEmail = record.email();
            String previousPhone = record.phone();
            input.applyTo(record.data);
            if (!created) {
                touch(record);
            }
            book.save(record, previousEmail, previousPhone);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("new", created);
            answer.put("contact", record.data.deepCopy());
            answer.put("traceId", UUID.randomUUID().toString());
            return SandboxResponse.json(200, answer);
        }
    }

    SandboxResponse get(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            return SandboxResponse.json(200, Map.of("contact", record.data.deepCopy()));
        }
    }

    SandboxResponse update(ApiCall call) {
        if (call.body().has("locationId")) {
            throw ApiError.unprocessable("property locationId should not exist");
        }
        ContactInput input = ContactInput.read(call.body(), catalog, call.locationId());
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            refuseDuplicate(book, input, record);
            String previousEmail = record.email();
            String previousPhone = record.phone();
            input.applyTo(record.data);
            touch(record);
            book.save(record, previousEmail, previousPhone);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("succeded", true);
            answer.put("contact", record.data.deepCopy());
            return SandboxResponse.json(200, answer);
        }
    }

    SandboxResponse delete(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            book.remove(book.require(call.param("contactId")));
        }
        return SandboxResponse.json(200, Map.of("succeded", true));
    }

    SandboxResponse duplicate(ApiCall call) {
        String locationId = requireLocationId(call, call.query().get("locationId"));
        ObjectNode probe = SandboxJson.object();
        if (call.query().get("email") != null) {
            probe.put("email", call.query().get("email"));
        }
        if (call.query().get("number") != null) {
            probe.put("phone", call.query().get("number"));
        }
        ContactInput input = ContactInput.read(probe, catalog, locationId);
        ContactBook book = store.book(locationId);
        synchronized (book) {
            ContactRecord match = book.byEmail(input.email());
            if (match == null) {
                match = book.byPhone(input.phone());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("contact", match == null ? null : match.data.deepCopy());
            return SandboxResponse.json(200, answer);
        }
    }

    /** The deprecated list: oldest first, {@code startAfterId} pages on. */
    SandboxResponse list(ApiCall call) {
        String locationId = requireLocationId(call, call.query().get("locationId"));
        int limit = intParam(call.query().get("limit"), 20, "limit", 100);
        Predicate<ContactRecord> matches = queryMatcher(call.query().get("query"));
        String startAfterId = call.query().get("startAfterId");
        ContactBook book = store.book(locationId);
        synchronized (book) {
            List<ContactRecord> all = book.all().stream().filter(matches).toList();
            int from = 0;
            if (startAfterId != null) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id().equals(startAfterId)) {
                        from = i + 1;
                    }
                }
            }
            List<ContactRecord> page = slice(all, from, limit);
            ArrayNode contacts = copies(page);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("total", all.size());
            ContactRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
            boolean more = from + limit < all.size();
            meta.put("startAfterId", last == null ? null : last.id());
            meta.put("startAfter", last == null ? null : last.addedMillis);
            meta.put("nextPageUrl", more && last != null
                    ? "/contacts/?locationId=" + locationId + "&limit=" + limit + "&startAfterId=" + last.id()
                    : null);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("contacts", contacts);
            answer.put("meta", meta);
            return SandboxResponse.json(200, answer);
        }
    }

    SandboxResponse byBusiness(ApiCall call) {
        String locationId = requireLocationId(call, call.query().get("locationId"));
        int limit = intParam(call.query().get("limit"), 25, "limit", 100);
        int skip = intParam(call.query().get("skip"), 0, "skip", Integer.MAX_VALUE);
        String businessId = call.param("businessId");
        Predicate<ContactRecord> matches = queryMatcher(call.query().get("query"));
        ContactBook book = store.book(locationId);
        synchronized (book) {
            List<ContactRecord> all = book.all().stream()
                    .filter(r -> businessId.equals(r.data.path("businessId").asText(null)))
                    .filter(matches).toList();
            List<ContactRecord> page = slice(all, skip, limit);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("contacts", copies(page));
            answer.put("count", all.size());
            return SandboxResponse.json(200, answer);
        }
    }

    SandboxResponse addTags(ApiCall call) {
        List<String> tags = requireTags(call.body());
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            List<String> current = currentTags(record);
            tags.stream().filter(t -> !current.contains(t)).forEach(current::add);
            writeTags(record, current);
            return SandboxResponse.json(201, Map.of("tags", current));
        }
    }

    SandboxResponse removeTags(ApiCall call) {
        List<String> tags = requireTags(call.body());
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            List<String> current = currentTags(record);
            current.removeAll(tags);
            writeTags(record, current);
            return SandboxResponse.json(200, Map.of("tags", current));
        }
    }

    SandboxResponse appointments(ApiCall call) {
        ContactBook book = store.book(call.locationId());
        synchronized (book) {
            ContactRecord record = book.require(call.param("contactId"));
            ArrayNode events = SandboxJson.array();
            record.appointments.forEach(e -> events.add(e.deepCopy()));
            return SandboxResponse.json(200, Map.of("events", events));
        }
    }

    /** From the Locations API, so a client can map field keys to ids as against the real one. */
    SandboxResponse customFields(ApiCall call) {
        call.checkLocation(call.param("locationId"));
        List<Map<String, Object>> fields = new ArrayList<>();
        int position = 0;
        for (CustomFieldCatalog.Definition d : catalog.definitions(call.locationId())) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("id", d.id());
            field.put("name", d.name());
            field.put("fieldKey", d.key());
            field.put("dataType", "TEXT");
            field.put("model", "contact");
            field.put("position", position++);
            field.put("locationId", call.locationId());
            fields.add(field);
        }
        return SandboxResponse.json(200, Map.of("customFields", fields));
    }

    static List<ContactRecord> slice(List<ContactRecord> all, int from, int limit) {
        return all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
    }

    static ArrayNode copies(List<ContactRecord> records) {
        ArrayNode array = SandboxJson.array();
        records.forEach(r -> array.add(r.data.deepCopy()));
        return array;
    }

    static Predicate<ContactRecord> queryMatcher(String query) {
        if (query == null || query.isBlank()) {
            return r -> true;
        }
        String needle = query.trim().toLowerCase(Locale.ROOT);
        return r -> List.of("fullNameLowerCase", "emailLowerCase", "phone", "companyName").stream()
                .map(f -> r.data.path(f).asText("").toLowerCase(Locale.ROOT))
                .anyMatch(v -> v.contains(needle));
    }

    static String requireLocationId(ApiCall call, String locationId) {
        if (locationId == null || locationId.isBlank()) {
            throw ApiError.unprocessable("locationId should not be empty");
        }
        call.checkLocation(locationId);
        return locationId;
    }

    private ContactRecord newRecord(String locationId) {
        long now = clock.millis();
        ObjectNode data = SandboxJson.object();
        data.put("id", Ids.random());
        data.put("locationId", locationId);
        data.put("type", "lead");
        data.put("dnd", false);
        data.putObject("dndSettings");
        data.putArray("tags");
        data.putArray("customFields");
        data.put("dateAdded", Timestamps.format(now));
        data.put("dateUpdated", Timestamps.format(now));
        return new ContactRecord(data, now);
    }

    private void touch(ContactRecord record) {
        record.updatedMillis = Math.max(clock.millis(), record.updatedMillis);
        record.data.put("dateUpdated", Timestamps.format(record.updatedMillis));
    }

    /** A create or change may not give a contact another one's email or phone. */
    private static void refuseDuplicate(ContactBook book, ContactInput input, ContactRecord self) {
        ContactRecord byEmail = book.byEmail(input.email());
        if (byEmail != null && byEmail != self) {
            throw duplicate(byEmail, "email");
        }
        ContactRecord byPhone = book.byPhone(input.phone());
        if (byPhone != null && byPhone != self) {
            throw duplicate(byPhone, "phone");
        }
    }

    private static ApiError duplicate(ContactRecord existing, String field) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("contactName", existing.displayName());
        meta.put("contactId", existing.id());
        meta.put("matchingField", field);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", 400);
        body.put("message", "This location does not allow duplicated contacts.");
        body.put("meta", meta);
        return new ApiError(400, body);
    }

    private static List<String> requireTags(JsonNode body) {
        List<String> violations = new ArrayList<>();
        if (!body.has("tags")) {
            violations.add("tags must be an array");
        }
        List<String> tags = ContactInput.readTags(body.get("tags"), violations);
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
        return tags;
    }

    private static List<String> currentTags(ContactRecord record) {
        List<String> tags = new ArrayList<>();
        record.data.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    private void writeTags(ContactRecord record, List<String> tags) {
        ArrayNode array = record.data.putArray("tags");
        tags.forEach(array::add);
        touch(record);
    }

    static int intParam(String text, int fallback, String name, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw ApiError.unprocessable(name + " must not be less than 0");
            }
            if (value > max) {
                throw ApiError.unprocessable(name + " must not be greater than " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiError.unprocessable(name + " must be a number conforming to the specified constraints");
        }
    }
}
