package org.nxhl.bridge.rules;

import java.util.List;

/**
 * When a contact's field (or custom field) becomes {@code becomes}, add and remove tags. Exactly one of
 * {@code field} and {@code customField} is set; a custom field is named by id, field key or name.
 */
public record TagRule(String name, String field, String customField, String becomes, List<String> add,
                      List<String> remove, int line) {

    public boolean onCustomField() {
        return customField != null;
    }
}
