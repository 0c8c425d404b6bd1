package org.nxhl.bridge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of emulated calls for tests and benchmarks: per method, path template and status, per
 * location and per injected fault, plus the times of the most recent accepted calls (those that
 * passed the rate limit) in a ring of fixed size.
 */
public final class CallJournal {

    static final int TIMESTAMP_CAPACITY = 100_000;

    private final Map<String, LongAdder> byCall = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byLocation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byFault = new ConcurrentHashMap<>();
    private final long[] acceptedAt = new long[TIMESTAMP_CAPACITY];
    private final AtomicLong accepted = new AtomicLong();

    void record(String method, String template, int status, String locationId) {
        byCall.computeIfAbsent(method + " " + template + " " + status, k -> new LongAdder()).increment();
        if (locationId != null) {
            byLocation.computeIfAbsent(locationId, k -> new LongAdder()).increment();
        }
    }

    void accepted(long epochMillis) {
        long slot = accepted.getAndIncrement();
        acceptedAt[(int) (slot % TIMESTAMP_CAPACITY)] = epochMillis;
    }

    void fault(String kind) {
        byFault.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** How many calls matched method, template and status so far. */
    public long count(String method, String template, int status) {
        LongAdder adder = byCall.get(method + " " + template + " " + status);
        return adder == null ? 0 : adder.sum();
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public synchronized void reset() {
        byCall.clear();
        byLocation.clear();
        byFault.clear();
        accepted.set(0);
    }

    /** A JSON-ready view; timestamps are oldest first and only the last {@value #TIMESTAMP_CAPACITY}. */
    public Map<String, Object> snapshot(boolean withTimestamps) {
        List<Map<String, Object>> calls = new ArrayList<>();
        new TreeMap<>(byCall).forEach((key, count) -> {
            String[] parts = key.split(" ", 3);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", parts[0]);
            row.put("path", parts[1]);
            row.put("status", Integer.parseInt(parts[2]));
            row.put("count", count.sum());
            calls.add(row);
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("calls", calls);
        view.put("locations", sums(byLocation));
        view.put("faults", sums(byFault));
        long total = accepted.get();
        view.put("accepted", total);
        if (withTimestamps) {
            view.put("acceptedTimestamps", timestamps(total));
        }
        return view;
    }

    private List<Long> timestamps(long total) {
        long from = Math.max(0, total - TIMESTAMP_CAPACITY);
        List<Long> times = new ArrayList<>((int) (total - from));
        for (long i = from; i < total; i++) {
            times.add(acceptedAt[(int) (i % TIMESTAMP_CAPACITY)]);
        }
        return times;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
