package org.nxhl.bridge.sandbox;

/** A location's budget: {@code max} calls per {@code intervalMs}, and {@code daily} calls a day. */
public record RateLimitPolicy(int max, long intervalMs, int daily) {

    /** HighLevel's documented limits for one app on one location. */
    public static final RateLimitPolicy HIGHLEVEL = new RateLimitPolicy(100, 10_000, 200_000);

    public RateLimitPolicy {
        if (max < 1 || intervalMs < 1 || daily < 1) {
            throw new IllegalArgumentException("rate limit values must be positive");
        }
    }
}
