package org.nxhl.bridge.metrics;

import java.util.List;

/**
 * Names a HighLevel call by the path template it matches ({@code /contacts/{contactId}/notes}), so a
 * metric label has one value per endpoint rather than one per contact. The templates are the paths of
 * the Contacts and OAuth specs; a path that matches none is named {@code other}.
 */
public final class EndpointTemplate {

    public static final String OTHER = "other";

    private static final List<String[]> TEMPLATES = split(List.of(
            "/contacts/", "/contacts/search", "/contacts/search/duplicate", "/contacts/upsert",
            "/contacts/bulk/business", "/contacts/bulk/tags/update/{type}", "/contacts/business/{businessId}",
            "/contacts/{contactId}", "/contacts/{contactId}/tasks", "/contacts/{contactId}/tasks/{taskId}",
            "/contacts/{contactId}/tasks/{taskId}/completed", "/contacts/{contactId}/appointments",
            "/contacts/{contactId}/tags", "/contacts/{contactId}/notes", "/contacts/{contactId}/notes/{id}",
            "/contacts/{contactId}/followers", "/contacts/{contactId}/campaigns/{campaignId}",
            "/contacts/{contactId}/campaigns/removeAll", "/contacts/{contactId}/campaigns/remove-all",
            "/contacts/{contactId}/workflow/{workflowId}",
            "/oauth/token", "/oauth/locationToken", "/oauth/installedLocations"));

    private EndpointTemplate() {
    }

    /** The template of {@code path} (its query, if any, is ignored); literal segments win over placeholders. */
    public static String of(String path) {
        if (path == null) {
            return OTHER;
        }
        int query = path.indexOf('?');
        String[] segments = (query < 0 ? path : path.substring(0, query)).split("/", -1);
        String[] best = null;
        int bestLiterals = -1;
        for (String[] template : TEMPLATES) {
            int literals = literalsMatched(template, segments);
            if (literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return best == null ? OTHER : String.join("/", best);
    }

    /** How many literal segments match, or -1 when the path does not fit the template. */
    private static int literalsMatched(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            boolean placeholder = template[i].startsWith("{");
            if (placeholder && segments[i].isEmpty()) {
                return -1;
            }
            if (!placeholder) {
                if (!template[i].equals(segments[i])) {
                    return -1;
                }
                literals++;
            }
        }
        return literals;
    }

    private static List<String[]> split(List<String> templates) {
        return templates.stream().map(t -> t.split("/", -1)).toList();
    }
}
