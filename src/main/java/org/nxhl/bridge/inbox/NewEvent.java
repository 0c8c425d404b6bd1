package org.nxhl.bridge.inbox;

/** An event as intake received it, before it is stored. The idempotency key is unique across the inbox. */
public record NewEvent(String source, String type, String locationId, String idempotencyKey, String body) {
}
