package org.nxhl.bridge.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.nxhl.bridge.metrics.BridgeMetrics;

/**
 * Keeps each location's HighLevel calls under its limits, per interval and per day. Calls are spread
 * evenly (one in hand, the rest refilled smoothly), so any window of the interval, wherever HighLevel
 * starts counting it, holds at most {@code perInterval} calls plus the one in hand. Give it HighLevel's
 * limit less some headroom: a call leaves here a little before HighLevel counts it, and not every call
 * takes the same time to get there. In memory for one process; in PostgreSQL for replicas to share.
 */
public final class LocationRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Function<String, Bucket> create;
    private final long perInterval;
    private final Duration interval;
    private BridgeMetrics metrics = BridgeMetrics.detached();

    private LocationRateLimiter(long perInterval, Duration interval, Function<String, Bucket> create) {
        this.perInterval = perInterval;
        this.interval = interval;
        this.create = create;
    }

    public static LocationRateLimiter inMemory(long perInterval, Duration interval, long daily) {
        BucketConfiguration limits = limits(perInterval, interval, daily);
        return new LocationRateLimiter(perInterval, interval,
                id -> Bucket.builder().addLimit(limits.getBandwidths()[0]).addLimit(limits.getBandwidths()[1]).build());
    }

    /** One bucket per location in table {@code rate_bucket}, locked per call, for replicas to share. */
    public static LocationRateLimiter shared(DataSource db, long perInterval, Duration interval, long daily) {
        ProxyManager<String> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(db)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_bucket").idColumn("id").stateColumn("state")
                .build();
        BucketConfiguration limits = limits(perInterval, interval, daily);
        return new LocationRateLimiter(perInterval, interval, id -> buckets.getProxy(id, () -> limits));
    }

    private static BucketConfiguration limits(long perInterval, Duration interval, long daily) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(perInterval, interval).initialTokens(0).build())
                .addLimit(Bandwidth.builder().capacity(daily).refillGreedy(daily, Duration.ofDays(1)).build())
                .build();
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

    /**
     * HighLevel said how many calls are left in its window. Nearly none left means its window and
     * ours have drifted apart (calls reached it late and bunched up): hold the location's calls for a
     * quarter of the interval, so the next call falls into HighLevel's next window.
     */
    public void observeRemaining(String locationId, long remaining) {
        if (remaining <= 1) {
            backOff(locationId, interval.dividedBy(4));
        }
    }

    /** HighLevel answered 429: hold the location's calls for a whole window. */
    public void backOff(String locationId, Duration window) {
        long tokens = Math.max(1, perInterval * window.toMillis() / interval.toMillis());
        bucket(locationId).consumeIgnoringRateLimits(tokens);
    }

    private Bucket bucket(String locationId) {
        return buckets.computeIfAbsent(locationId, create);
    }
}
