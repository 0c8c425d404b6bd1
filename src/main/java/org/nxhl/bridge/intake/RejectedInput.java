package org.nxhl.bridge.intake;

/** Input that intake refuses with a 4xx; nothing of it is stored. */
public class RejectedInput extends RuntimeException {

    private final int status;
    private final String error;

    public RejectedInput(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
