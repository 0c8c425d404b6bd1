package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * {@code POST /contacts/search}: filters, free-text query, sort by dateAdded or dateUpdated,
 * pages up to 10,000 records and {@code searchAfter} cursors beyond. Without a sort the
 * newest contacts come first. Filters supported: dateAdded and dateUpdated with range, gt, gte,
 * lt, lte; email, phone, id and tags with eq; groups with AND or OR.
 */
final class ContactSearch {

    static final int MAX_PAGE_LIMIT = 500;
    static final int MAX_PAGED_RECORDS = 10_000;

    private final ContactStore store;

    ContactSearch(ContactStore store) {
        this.store = store;
    }

    SandboxResponse search(ApiCall call) {
        JsonNode body = call.body();
        if (!body.isObject()) {
            throw ApiError.unprocessable(
                    List.of("locationId should not be empty", "pageLimit should not be empty"));
        }
        List<String> violations = new ArrayList<>();
        String locationId = body.path("locationId").asText("");
        if (locationId.isBlank()) {
            violations.add("locationId should not be empty");
        }
        int pageLimit = readInt(body, "pageLimit", -1, violations);
        if (!body.has("pageLimit")) {
            violations.add("pageLimit should not be empty");
        } else if (pageLimit != -1 && (pageLimit < 1 || pageLimit > MAX_PAGE_LIMIT)) {
            violations.add("pageLimit must be between 1 and " + MAX_PAGE_LIMIT);
        }
        int page = readInt(body, "page", 1, violations);
        if (page < 1) {
            violations.add("page must not be less than 1");
        }
        if (!violations.isEmpty()) {
            throw ApiError.unprocessable(violations);
        }
        JsonNode searchAfter = body.get("searchAfter");
        boolean cursor = searchAfter != null && !searchAfter.isNull();
        if (!cursor && (long) page * pageLimit > MAX_PAGED_RECORDS) {
            throw ApiError.unprocessable("page * pageLimit must not exceed " + MAX_PAGED_RECORDS
                    + " records; use searchAfter to read beyond them");
        }
        call.checkLocation(locationId);
        Predicate<ContactRecord> filter = filters(body.get("filters"), "AND")
                .and(ContactOperations.queryMatcher(body.path("query").asText(null)));
        Sort sort = sort(body.get("sort"));
        ContactBook book = store.book(locationId);
        synchronized (book) {
            List<ContactRecord> matches = new ArrayList<>(book.all().stream().filter(filter).toList());
            matches.sort(sort.comparator());
            int from = cursor ? afterCursor(matches, sort, searchAfter) : (page - 1) * pageLimit;
            List<ContactRecord> slice = matches.subList(Math.min(from, matches.size()),
                    Math.min(from + pageLimit, matches.size()));
            ArrayNode contacts = SandboxJson.array();
            for (ContactRecord record : slice) {
                ObjectNode contact = record.data.deepCopy();
                contact.putArray("searchAfter").add(sort.key().applyAsLong(record)).add(record.id());
                contacts.add(contact);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("contacts", contacts);
            answer.put("total", matches.size());
            answer.put("traceId", UUID.randomUUID().toString());
            return SandboxResponse.json(200, answer);
        }
    }

    private record Sort(ToLongFunction<ContactRecord> key, boolean descending) {

        Comparator<ContactRecord> comparator() {
            Comparator<ContactRecord> ascending =
                    Comparator.comparingLong(key).thenComparing(ContactRecord::id);
            return descending ? ascending.reversed() : ascending;
        }

        int compareToCursor(ContactRecord record, long cursorKey, String cursorId) {
            int order = Long.compare(key.applyAsLong(record), cursorKey);
            if (order == 0) {
                order = record.id().compareTo(cursorId);
            }
            return descending ? -order : order;
        }
    }

    private static int afterCursor(List<ContactRecord> sorted, Sort sort, JsonNode searchAfter) {
        if (!searchAfter.isArray() || searchAfter.size() != 2 || !searchAfter.get(0).canConvertToLong()) {
            throw ApiError.unprocessable(
                    "searchAfter must be the [sortValue, id] pair of a contact from a previous page");
        }
        long key = searchAfter.get(0).asLong();
        String id = searchAfter.get(1).asText();
        for (int i = 0; i < sorted.size(); i++) {
            if (sort.compareToCursor(sorted.get(i), key, id) > 0) {
                return i;
            }
        }
        return sorted.size();
    }

    private static Sort sort(JsonNode node) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            return new Sort(r -> r.addedMillis, true);
        }
        JsonNode first = node.isArray() ? node.get(0) : node;
        String field = first.path("field").asText("");
        String direction = first.path("direction").asText("desc").toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiError.unprocessable("sort direction must be one of the following values: asc, desc");
        }
        return new Sort(dateKey(field, "sort"), direction.equals("desc"));
    }

    private static ToLongFunction<ContactRecord> dateKey(String field, String where) {
        return switch (field) {
            case "dateAdded" -> r -> r.addedMillis;
            case "dateUpdated" -> r -> r.updatedMillis;
            default -> throw ApiError.unprocessable(where + " field '" + field + "' is not supported here");
        };
    }

    private static Predicate<ContactRecord> filters(JsonNode node, String group) {
        if (node == null || node.isNull()) {
            return r -> true;
        }
        if (!node.isArray()) {
            throw ApiError.unprocessable("filters must be an array");
        }
        List<Predicate<ContactRecord>> parts = new ArrayList<>();
        for (JsonNode item : node) {
            parts.add(item.has("group")
                    ? filters(item.get("filters"), item.get("group").asText("AND").toUpperCase(Locale.ROOT))
                    : filter(item));
        }
        boolean any = group.equals("OR");
        return r -> any ? parts.stream().anyMatch(p -> p.test(r)) : parts.stream().allMatch(p -> p.test(r));
    }

    private static Predicate<ContactRecord> filter(JsonNode item) {
        String field = item.path("field").asText("");
        String operator = item.path("operator").asText("");
        JsonNode value = item.get("value");
        switch (field) {
            case "dateAdded", "dateUpdated" -> {
                return dateFilter(dateKey(field, "filter"), operator, value);
            }
            case "email", "phone", "id" -> {
                requireOperator(field, operator, "eq");
                String wanted = value == null ? "" : value.asText();
                String stored = field.equals("email") ? "emailLowerCase" : field;
                String probe = field.equals("email")
                        ? wanted.toLowerCase(Locale.ROOT) : normalisedPhone(field, wanted);
                return r -> probe.equals(r.data.path(stored).asText(null));
            }
            case "tags" -> {
                requireOperator(field, operator, "eq");
                List<String> wanted = new ArrayList<>();
                if (value != null && value.isArray()) {
                    value.forEach(v -> wanted.add(v.asText().trim().toLowerCase(Locale.ROOT)));
                } else if (value != null) {
                    wanted.add(value.asText().trim().toLowerCase(Locale.ROOT));
                }
                return r -> {
                    List<String> tags = new ArrayList<>();
                    r.data.path("tags").forEach(t -> tags.add(t.asText()));
                    return tags.containsAll(wanted);
                };
            }
            default -> throw ApiError.unprocessable("filter field '" + field + "' is not supported");
        }
    }

    private static String normalisedPhone(String field, String wanted) {
        if (!field.equals("phone")) {
            return wanted;
        }
        String e164 = Phones.e164(wanted);
        return e164 == null ? wanted : e164;
    }

    private static void requireOperator(String field, String operator, String allowed) {
        if (!operator.equals(allowed)) {
            throw ApiError.unprocessable("operator '" + operator + "' is not supported for " + field);
        }
    }

    private static Predicate<ContactRecord> dateFilter(ToLongFunction<ContactRecord> key, String operator,
                                                       JsonNode value) {
        return switch (operator) {
            case "range" -> {
                if (value == null || !value.isObject()) {
                    throw ApiError.unprocessable("range filters take a value with gt, gte, lt or lte");
                }
                Predicate<ContactRecord> all = r -> true;
                for (String bound : List.of("gt", "gte", "lt", "lte")) {
                    if (value.has(bound)) {
                        all = all.and(dateFilter(key, bound, value.get(bound)));
                    }
                }
                yield all;
            }
            case "gt" -> r -> key.applyAsLong(r) > millis(value);
            case "gte" -> r -> key.applyAsLong(r) >= millis(value);
            case "lt" -> r -> key.applyAsLong(r) < millis(value);
            case "lte" -> r -> key.applyAsLong(r) <= millis(value);
            default -> throw ApiError.unprocessable("operator '" + operator + "' is not supported for dates");
        };
    }

    /** Accepts epoch milliseconds, an ISO-8601 date-time or a plain date (midnight UTC). */
    private static long millis(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value.asLong();
        }
        String text = value == null ? "" : value.asText();
        Instant instant = Timestamps.parse(text);
        if (instant != null) {
            return instant.toEpochMilli();
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            throw ApiError.unprocessable("'" + text + "' is not a date");
        }
    }

    private static int readInt(JsonNode body, String name, int fallback, List<String> violations) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            violations.add(name + " must be a number conforming to the specified constraints");
            return fallback;
        }
        return node.asInt();
    }
}
