package org.nxhl.bridge.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;

/**
 * The Java steps of {@code tags.bulk_completed}: the event's results grouped into one tag call per
 * contact, and the per-contact report of what was applied and what failed. An entry whose lead has
 * no contact holds the whole event back for the lead wait; after it, that entry is reported failed.
 */
public class BulkTags {

    public static final String REPORT = "tagsReport";

    private final EventSteps events;
    private final EventWait leadWait;

    public BulkTags(EventSteps events, EventWait leadWait) {
        this.events = events;
        this.leadWait = leadWait;
    }

    /** One entry per contact, {@code {contactId, tags}}, as the body to split; starts the report. */
    public List<Map<String, Object>> groups(Exchange exchange) {
        Map<String, Object> data = events.data(exchange);
        Map<String, Set<String>> byContact = new LinkedHashMap<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Object result : (List<?>) data.get("results")) {
            Map<?, ?> entry = (Map<?, ?>) result;
            Optional<String> contactId = events.contactOf(exchange, entry);
            if (contactId.isPresent()) {
                byContact.computeIfAbsent(contactId.get(), k -> new LinkedHashSet<>())
                        .add(entry.get("tagName").toString());
            } else {
                missing.add(String.valueOf(entry.get("leadId")));
                failed.add(failure(null, entry.get("leadId"), List.of(entry.get("tagName").toString()),
                        "lead " + entry.get("leadId") + " has no HighLevel contact"));
            }
        }
        if (!missing.isEmpty() && leadWait.mayWait(exchange)) {
            throw leadWait.notYet(exchange, "leads " + missing + " have no HighLevel contact");
        }
        Report report = new Report(data.get("operationId"), failed);
        exchange.setProperty(REPORT, report);
        List<Map<String, Object>> groups = new ArrayList<>();
        byContact.forEach((contactId, tags) -> groups.add(Map.of("contactId", contactId,
                "tags", List.copyOf(tags))));
        return groups;
    }

    /** The add-tags body for the contact the split is at. */
    public Map<String, Object> tagsBody(Exchange exchange) {
        return Map.of("tags", exchange.getVariable("group", Map.class).get("tags"));
    }

    /** Records a contact whose tags HighLevel took. */
    public void applied(Exchange exchange) {
        Map<?, ?> group = exchange.getVariable("group", Map.class);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("contactId", group.get("contactId"));
        entry.put("tags", group.get("tags"));
        report(exchange).applied.add(entry);
    }

    /** Records a contact whose tags HighLevel refused, with HighLevel's reason. */
    public void failed(Exchange exchange) {
        Map<?, ?> group = exchange.getVariable("group", Map.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        report(exchange).failed.add(failure(group.get("contactId"), null, (List<?>) group.get("tags"),
                e == null ? "refused" : e.getMessage()));
    }

    /** The callback data: the operation, and per contact what was applied or failed. */
    public Map<String, Object> summary(Exchange exchange) {
        Report report = report(exchange);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operationId", report.operationId);
        out.put("applied", report.applied);
        out.put("failed", report.failed);
        return out;
    }

    private static Report report(Exchange exchange) {
        return exchange.getProperty(REPORT, Report.class);
    }

    private static Map<String, Object> failure(Object contactId, Object leadId, List<?> tags, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (contactId != null) {
            entry.put("contactId", contactId);
        }
        if (leadId != null) {
            entry.put("leadId", leadId);
        }
        entry.put("tags", tags);
        entry.put("reason", reason);
        return entry;
    }

    /** Shared by the split's parts, which see the same property object. */
    static final class Report {

        final Object operationId;
        final List<Map<String, Object>> applied = new ArrayList<>();
        final List<Map<String, Object>> failed;

        Report(Object operationId, List<Map<String, Object>> failed) {
            this.operationId = operationId;
            this.failed = new ArrayList<>(failed);
        }
    }
}
