package org.nxhl.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of one call against a location's budget, and the headers that report it. */
record RateDecision(boolean allowed, RateLimitPolicy policy, int remaining, int dailyRemaining) {

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Max", String.valueOf(policy.max()));
        headers.put("X-RateLimit-Remaining", String.valueOf(remaining));
        headers.put("X-RateLimit-Interval-Milliseconds", String.valueOf(policy.intervalMs()));
        headers.put("X-RateLimit-Limit-Daily", String.valueOf(policy.daily()));
        headers.put("X-RateLimit-Daily-Remaining", String.valueOf(dailyRemaining));
        return headers;
    }
}
