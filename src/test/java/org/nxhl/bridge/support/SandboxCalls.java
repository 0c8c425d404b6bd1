package org.nxhl.bridge.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the HighLevel sandbox's call journal ({@code GET /sandbox/control/calls}). */
public final class SandboxCalls {

    private SandboxCalls() {
    }

    /** How many calls the sandbox answered 429. */
    public static long tooMany(JsonNode journal) {
        long count = 0;
        for (JsonNode call : journal.path("calls")) {
            if (call.path("status").asInt() == 429) {
                count += call.path("count").asLong();
            }
        }
        return count;
    }

    /** Calls accepted in each whole 10 s window from the first call on; the last, partial window is left out. */
    public static List<Integer> perTenSeconds(JsonNode journal) {
        List<Long> times = new ArrayList<>();
        journal.path("acceptedTimestamps").forEach(t -> times.add(t.asLong()));
        List<Integer> counts = new ArrayList<>();
        if (times.isEmpty()) {
            return counts;
        }
        long start = times.get(0);
        long end = times.get(times.size() - 1);
        for (long from = start; from + 10_000 <= end; from += 10_000) {
            long lo = from;
            long hi = from + 10_000;
            counts.add((int) times.stream().filter(t -> t >= lo && t < hi).count());
        }
        return counts;
    }
}
