package org.nxhl.bridge.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.nxhl.bridge.metrics.BridgeMetrics;

/**
 * Keeps each location's HighLevel calls under its limit. A smooth refill with a small burst keeps
 * any window of the interval at or under the limit, whatever window HighLevel counts in.
 */
public class LocationRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perInterval;
    private final Duration interval;
    private final long burst;
    private BridgeMetrics metrics = BridgeMetrics.detached();

    public LocationRateLimiter(long perInterval, Duration interval, long burst) {
        this.perInterval = perInterval;
        this.interval = interval;
        this.burst = burst;
    }

    /** Counts every call that has to wait, and how long it waited. */
    public void useMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** Waits until the location may make one more call. */
    public void acquire(String locationId) throws InterruptedException {
        Bucket bucket = bucket(locationId);
        if (bucket.tryConsume(1)) {
            return;
        }
        long started = System.nanoTime();
        bucket.asBlocking().consume(1);
        metrics.rateLimitWaited(locationId, Duration.ofNanos(System.nanoTime() - started));
    }

    /** HighLevel said how many calls are left in its window: never believe we have more than that. */
    public void observeRemaining(String locationId, long remaining) {
        Bucket bucket = bucket(locationId);
        long available = bucket.getAvailableTokens();
        if (remaining < available) {
            bucket.consumeIgnoringRateLimits(available - remaining);
        }
    }

    /** HighLevel answered 429: hold the location's calls for a whole window. */
    public void backOff(String locationId, Duration window) {
        long tokens = Math.max(1, perInterval * window.toMillis() / interval.toMillis());
        bucket(locationId).consumeIgnoringRateLimits(tokens);
    }

    private Bucket bucket(String locationId) {
        return buckets.computeIfAbsent(locationId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perInterval - burst, interval).build())
                .build());
    }
}
