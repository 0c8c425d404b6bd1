package org.nxhl.bridge.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.PermanentFailureException;
import org.nxhl.bridge.inbox.RetryLaterException;

/**
 * How long an event waits for an earlier one to be processed ({@code waitingFor}: the lead flow giving
 * its lead a contact, say): retries that double from {@code first}, up to {@code limit} after the event
 * was received; then the event is dead.
 */
public record EventWait(Duration first, Duration limit, String waitingFor, Clock clock) {

    private static final Duration LONGEST_STEP = Duration.ofMinutes(1);

    /** Whether the event may still wait at all. */
    public boolean mayWait(Exchange exchange) {
        return clock.instant().isBefore(deadline(exchange));
    }

    /** The exception that makes the dispatcher try again later, or dead-letters after the limit. */
    public RuntimeException notYet(Exchange exchange, String reason) {
        Instant deadline = deadline(exchange);
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
            return new PermanentFailureException(reason + " after waiting " + limit + " for it");
        }
        int attempt = exchange.getMessage().getHeader(InboxHeaders.ATTEMPT, 1, Integer.class);
        Duration step = first.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        Instant at = now.plus(step.compareTo(LONGEST_STEP) > 0 ? LONGEST_STEP : step);
        Instant next = at.isAfter(deadline) ? deadline : at;
        return new RetryLaterException(reason + "; waiting for " + waitingFor, next);
    }

    private Instant deadline(Exchange exchange) {
        Instant received = exchange.getMessage().getHeader(InboxHeaders.RECEIVED_AT, Instant.class);
        return (received == null ? clock.instant() : received).plus(limit);
    }
}
