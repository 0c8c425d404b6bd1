package org.nxhl.bridge.inbox;

/** What storing an event came to: a new row, or a key the inbox already holds. */
public record Intake(long eventId, boolean duplicate) {

    static Intake stored(long id) {
        return new Intake(id, false);
    }

    static Intake alreadyHeld() {
        return new Intake(0, true);
    }
}
