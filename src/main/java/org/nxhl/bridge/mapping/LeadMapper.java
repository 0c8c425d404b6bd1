package org.nxhl.bridge.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Turns a flat Networx lead into HighLevel's shapes: the upsert body, the tags, and the note that
 * keeps the customer's own words, their answers, and the lead details no custom field holds.
 */
public class LeadMapper {

    public static final String SOURCE = "Networx";
    private static final String ATTRIBUTE_PREFIX = "lead_attributes[";
    private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)}");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<String> tagTemplates;
    private final Map<String, String> customFieldKeys;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /**
     * @param tagTemplates    tags to add, where {@code {field}} stands for a lead field's value
     * @param customFieldKeys lead field → HighLevel custom field key, for the fields to keep out of the note
     */
    public LeadMapper(List<String> tagTemplates, Map<String, String> customFieldKeys) {
        this.tagTemplates = List.copyOf(tagTemplates);
        this.customFieldKeys = Map.copyOf(customFieldKeys);
    }

    /** The body of {@code POST /contacts/upsert} for the lead's person, without tags (see LeadSteps). */
    public Map<String, Object> contact(Map<String, Object> lead, String locationId) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("locationId", locationId);
        putText(contact, "firstName", lead.get("first_name"));
        putText(contact, "lastName", lead.get("last_name"));
        putText(contact, "email", email(lead.get("email")));
        putText(contact, "phone", e164(lead.get("phone")));
        putText(contact, "address1", lead.get("address"));
        putText(contact, "city", lead.get("city"));
        putText(contact, "state", lead.get("state"));
        putText(contact, "postalCode", lead.get("zip"));
        contact.put("source", SOURCE);
        List<Map<String, Object>> customFields = new ArrayList<>();
        customFieldKeys.forEach((field, key) -> {
            String value = text(lead.get(field));
            if (value != null) {
                customFields.add(Map.of("key", key, "field_value", value));
            }
        });
        if (!customFields.isEmpty()) {
            contact.put("customFields", customFields);
        }
        return contact;
    }

    /** The configured tags with the lead's values filled in, lowercased as HighLevel keeps them. */
    public List<String> tags(Map<String, Object> lead) {
        Set<String> tags = new LinkedHashSet<>();
        for (String template : tagTemplates) {
            Matcher m = FIELD.matcher(template);
            StringBuilder tag = new StringBuilder();
            while (m.find()) {
                String value = text(lead.get(m.group(1)));
                m.appendReplacement(tag, Matcher.quoteReplacement(value == null ? "" : value));
            }
            m.appendTail(tag);
            String clean = tag.toString().trim().toLowerCase(Locale.ROOT);
            if (!clean.isEmpty()) {
                tags.add(clean);
            }
        }
        return List.copyOf(tags);
    }

    /** The words that open a lead's note and tell it apart from every other lead's. */
    public static String noteMarker(String leadId) {
        return "Networx lead " + leadId + ":";
    }

    /** The note: the customer's description, every question with its answer, then the lead details. */
    public String note(Map<String, Object> lead) {
        StringBuilder note = new StringBuilder(noteMarker(text(lead.get("lead_id"))));
        String task = text(lead.get("task_name"));
        if (task != null) {
            note.append(" ").append(task);
        }
        String description = text(lead.get("extra_information"));
        if (description != null) {
            note.append("\n\n").append(description);
        }
        lead.forEach((key, value) -> {
            if (key.startsWith(ATTRIBUTE_PREFIX) && key.endsWith("]") && text(value) != null) {
                String question = key.substring(ATTRIBUTE_PREFIX.length(), key.length() - 1);
                note.append("\n\n").append(question).append("\n").append(text(value));
            }
        });
        StringBuilder details = new StringBuilder();
        // what HighLevel would refuse stays off the contact, so the lead still arrives, and is kept here
        if (text(lead.get("email")) != null && email(lead.get("email")) == null) {
            details.append("\nEmail as sent, not a valid address: ").append(text(lead.get("email")));
        }
        if (text(lead.get("phone")) != null && e164(lead.get("phone")) == null) {
            details.append("\nPhone as sent, not a valid number: ").append(text(lead.get("phone")));
        }
        detail(details, lead, "lead_id", "Lead id", text(lead.get("lead_id")));
        detail(details, lead, "price", "Price", text(lead.get("price")));
        detail(details, lead, "is_exclusive", "Exclusive", yesNo(lead.get("is_exclusive")));
        detail(details, lead, "plan_name", "Plan", plan(lead));
        detail(details, lead, "lead_date", "Lead date", text(lead.get("lead_date")));
        if (details.length() > 0) {
            note.append("\n").append(details);
        }
        return note.toString();
    }

    private void detail(StringBuilder details, Map<String, Object> lead, String field, String label, String value) {
        if (value != null && !customFieldKeys.containsKey(field) && lead.containsKey(field)) {
            details.append("\n").append(label).append(": ").append(value);
        }
    }

    private static String plan(Map<String, Object> lead) {
        String name = text(lead.get("plan_name"));
        String id = text(lead.get("plan_id"));
        if (name == null) {
            return id;
        }
        return id == null ? name : name + " (" + id + ")";
    }

    private static String yesNo(Object value) {
        String text = text(value);
        return text == null ? null : Boolean.parseBoolean(text) ? "yes" : "no";
    }

    /** The address, when it has the shape of one (HighLevel refuses the whole contact otherwise). */
    public static String email(Object raw) {
        String text = text(raw);
        return text != null && EMAIL.matcher(text).matches() ? text : null;
    }

    /** A US number in E.164 ({@code +12135467892}); anything that is not a valid number is left out. */
    public String e164(Object raw) {
        String text = text(raw);
        if (text == null) {
            return null;
        }
        try {
            PhoneNumber number = phones.parse(text, "US");
            return phones.isPossibleNumber(number) ? phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)
                    : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static void putText(Map<String, Object> target, String key, Object value) {
        String text = text(value);
        if (text != null) {
            target.put(key, text);
        }
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
