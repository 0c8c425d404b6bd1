package org.nxhl.bridge.signature;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import com.standardwebhooks.exceptions.WebhookVerificationException;

/**
 * Signs and verifies messages per the Standard Webhooks specification with one {@code whsec_} secret,
 * through the specification's own Java library. The library takes the payload as text and signs its
 * UTF-8 bytes, so a body is verified only when it is valid UTF-8: then text and raw bytes are the same.
 */
public final class StandardWebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** The specification's tolerance, which the library enforces too. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Webhook webhook;

    public StandardWebhookSignature(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        this.webhook = new Webhook(secret);
    }

    /** The signature header value for a message. */
    public String sign(String messageId, Instant at, String payload) {
        try {
            return webhook.sign(messageId, at.getEpochSecond(), payload);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("could not sign message " + messageId, e);
        }
    }

    /** Checks id, timestamp and signature of the raw body; says what is wrong when it does not hold. */
    public void verify(byte[] raw, String id, String timestamp, String signature) {
        if (blank(id) || blank(timestamp) || blank(signature)) {
            throw new Refusal("missing_signature",
                    "webhook-id, webhook-timestamp and webhook-signature are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Refusal("invalid_timestamp", "webhook-timestamp must be seconds since the epoch");
        }
        long skew = Math.abs(Instant.now().getEpochSecond() - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            throw new Refusal("stale_timestamp", "webhook-timestamp is more than five minutes from now");
        }
        try {
            webhook.verify(utf8(raw), Map.of(ID, List.of(id), TIMESTAMP, List.of(timestamp),
                    SIGNATURE, List.of(signature)));
        } catch (WebhookVerificationException e) {
            throw new Refusal("invalid_signature",
                    "the signature does not match the body: " + e.getMessage());
        }
    }

    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new Refusal("invalid_signature", "the body is not UTF-8, so its signature cannot hold");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Why a message was not accepted: a stable code and a sentence. */
    public static final class Refusal extends RuntimeException {

        private final String code;

        public Refusal(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
