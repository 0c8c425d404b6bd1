package org.nxhl.bridge.inbox;

import java.time.Instant;

/** The event could not be finished now and should be tried again, at a given time or after a backoff. */
public class RetryLaterException extends RuntimeException {

    private final transient Instant at;
    private final boolean held;

    public RetryLaterException(String reason, Instant at) {
        this(reason, at, false);
    }

    private RetryLaterException(String reason, Instant at, boolean held) {
        super(reason);
        this.at = at;
        this.held = held;
    }

    /**
     * The event waits on something only a person can do (reinstalling the app, say): it is tried again at
     * {@code at} however old it is, rather than given up at the inbox's maximum age.
     */
    public static RetryLaterException held(String reason, Instant at) {
        return new RetryLaterException(reason, at, true);
    }

    public RetryLaterException(String reason, Throwable cause) {
        super(reason, cause);
        this.at = null;
        this.held = false;
    }

    public boolean held() {
        return held;
    }

    /** When to try again; null means after the dispatcher's own backoff. */
    public Instant at() {
        return at;
    }
}
