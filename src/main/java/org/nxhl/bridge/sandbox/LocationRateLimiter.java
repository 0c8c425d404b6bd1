package org.nxhl.bridge.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed windows per location, as HighLevel's burst limit behaves: a window opens at the first
 * call after the previous one ended and admits exactly {@code max} calls; the daily window
 * works the same way over 24 hours. Refused calls do not use up budget.
 */
final class LocationRateLimiter {

    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    private final Map<String, Windows> byLocation = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile RateLimitPolicy policy;

    LocationRateLimiter(RateLimitPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    RateLimitPolicy policy() {
        return policy;
    }

    /** Takes effect at once; running windows start over. */
    void setPolicy(RateLimitPolicy newPolicy) {
        policy = newPolicy;
        byLocation.clear();
    }

    void clear() {
        byLocation.clear();
    }

    RateDecision acquire(String locationId) {
        return byLocation.computeIfAbsent(locationId, id -> new Windows()).acquire(policy, clock.millis());
    }

    /** The headers for a caller with no known location: the full budget, nothing used. */
    RateDecision untouched() {
        RateLimitPolicy current = policy;
        return new RateDecision(true, current, current.max(), current.daily());
    }

    private static final class Windows {
        private long burstStart;
        private int burstCount;
        private long dayStart;
        private int dayCount;
        private boolean started;

        synchronized RateDecision acquire(RateLimitPolicy policy, long now) {
            if (!started || now - burstStart >= policy.intervalMs()) {
                burstStart = now;
                burstCount = 0;
            }
            if (!started || now - dayStart >= DAY_MS) {
                dayStart = now;
                dayCount = 0;
            }
            started = true;
            boolean allowed = burstCount < policy.max() && dayCount < policy.daily();
            if (allowed) {
                burstCount++;
                dayCount++;
            }
            return new RateDecision(allowed, policy, policy.max() - burstCount, policy.daily() - dayCount);
        }
    }
}
