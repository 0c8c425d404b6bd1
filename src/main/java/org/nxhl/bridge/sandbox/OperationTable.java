package org.nxhl.bridge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the operation for a method and path; the first fitting template wins. */
final class OperationTable {

    /** Whether a call reads or writes, for the scope it needs. */
    enum Access { READ, WRITE }

    record Entry(String method, PathTemplate template, Access access, Operation operation) {
    }

    record Match(Entry entry, Map<String, String> params) {
    }

    private final List<Entry> entries = new ArrayList<>();

    OperationTable add(String method, String template, Access access, Operation operation) {
        entries.add(new Entry(method, new PathTemplate(template), access, operation));
        return this;
    }

    /** The match for method and path; null when no template fits the path. */
    Match find(String method, String path) {
        Match pathOnly = null;
        for (Entry entry : entries) {
            Map<String, String> params = entry.template().match(path);
            if (params == null) {
                continue;
            }
            if (entry.method().equals(method)) {
                return new Match(entry, params);
            }
            if (pathOnly == null) {
                pathOnly = new Match(null, params);
            }
        }
        return pathOnly;
    }
}
