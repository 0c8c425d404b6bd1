package org.nxhl.bridge.store;

/** The store could not be reached or did not commit; callers answer 503 or try again later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
