package org.nxhl.bridge.inbox;

import java.time.Instant;

/** The event could not be finished now and should be tried again, at a given time or after a backoff. */
public class RetryLaterException extends RuntimeException {

    private final transient Instant at;

    public RetryLaterException(String reason, Instant at) {
        super(reason);
        this.at = at;
    }

    public RetryLaterException(String reason, Throwable cause) {
        super(reason, cause);
        this.at = null;
    }

    /** When to try again; null means after the dispatcher's own backoff. */
    public Instant at() {
        return at;
    }
}
