package org.nxhl.bridge.store;

/** The store could not be reached or did not commit; callers answer 503 or try again later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the store itself said, for a log line; never the data that was being stored. */
    public String reason() {
        return getCause() == null || getCause().getMessage() == null ? getMessage() : getCause().getMessage();
    }
}
