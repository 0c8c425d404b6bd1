package org.nxhl.bridge.inbox;

/** The event can never succeed as it is: it goes to the dead letters with this reason. */
public class PermanentFailureException extends RuntimeException {

    public PermanentFailureException(String reason) {
        super(reason);
    }
}
