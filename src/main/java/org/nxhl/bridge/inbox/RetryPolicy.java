package org.nxhl.bridge.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, and the age after which an event is given up. */
public record RetryPolicy(Duration first, Duration cap, Duration maxAge) {

    /** When to try an event again after its {@code attempt}-th failure, or null when it is too old. */
    public Instant next(Instant receivedAt, int attempt, Instant now) {
        long ceiling = Math.min(cap.toMillis(), first.toMillis() << Math.min(attempt - 1, 30));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        Instant at = now.plusMillis(delay);
        return at.isAfter(receivedAt.plus(maxAge)) ? null : at;
    }

    /** Whether a wait until {@code at} still falls within the event's allowed age. */
    public boolean allows(Instant receivedAt, Instant at) {
        return !at.isAfter(receivedAt.plus(maxAge));
    }
}
