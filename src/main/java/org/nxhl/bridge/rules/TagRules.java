package org.nxhl.bridge.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The configured tag rules, applied to the change between two states of a contact. A rule fires when
 * its field takes its value now and did not before; it counts only if the contact's tags really change.
 */
public class TagRules {

    private final List<TagRule> rules;

    public TagRules(List<TagRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<TagRule> all() {
        return rules;
    }

    public boolean needCustomFields() {
        return rules.stream().anyMatch(TagRule::onCustomField);
    }

    /**
     * The firings for a change from {@code before} (null when the contact is new to the bridge) to
     * {@code after}; {@code customFieldId} turns a rule's custom field reference into the id in payloads.
     */
    public List<Firing> evaluate(ContactState before, ContactState after,
                                 Function<String, String> customFieldId) {
        Set<String> tags = new LinkedHashSet<>(after.tags());
        List<Firing> firings = new ArrayList<>();
        for (TagRule rule : rules) {
            String key = rule.onCustomField()
                    ? ContactState.customFieldKey(customFieldId.apply(rule.customField())) : rule.field();
            if (key == null || !matches(rule, after.fields().get(key))
                    || (before != null && matches(rule, before.fields().get(key)))) {
                continue;
            }
            List<String> added = rule.add().stream().filter(t -> !contains(tags, t)).toList();
            List<String> removed = tags.stream()
                    .filter(t -> rule.remove().stream().anyMatch(t::equalsIgnoreCase)).toList();
            if (added.isEmpty() && removed.isEmpty()) {
                continue;
            }
            tags.addAll(added);
            tags.removeAll(removed);
            firings.add(new Firing(rule.name(), added, removed));
        }
        return firings;
    }

    private static boolean matches(TagRule rule, String value) {
        return value != null && value.trim().equalsIgnoreCase(rule.becomes());
    }

    private static boolean contains(Set<String> tags, String tag) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }

    /** One rule that fired, with the tags it really adds and removes. */
    public record Firing(String rule, List<String> added, List<String> removed) {

        public Map<String, Object> asMap() {
            return Map.of("rule", rule, "added", added, "removed", removed);
        }
    }
}
