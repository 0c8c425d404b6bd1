package org.nxhl.bridge.inbox;

/** Headers the dispatcher puts on every exchange it hands to a flow. */
public final class InboxHeaders {

    public static final String EVENT_ID = "InboxEventId";
    public static final String EVENT_TYPE = "InboxEventType";
    public static final String ATTEMPT = "InboxAttempt";
    public static final String LOCATION_ID = "LocationId";
    /** When intake stored the event, as an Instant. */
    public static final String RECEIVED_AT = "InboxReceivedAt";

    private InboxHeaders() {
    }
}
