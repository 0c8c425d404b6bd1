package org.nxhl.bridge.inbox;

import java.time.Instant;

/** A stored event claimed for processing; {@code attempt} counts this attempt too. */
public record InboxEvent(long id, String source, String type, String locationId, String idempotencyKey,
                         String body, int attempt, Instant receivedAt) {
}
