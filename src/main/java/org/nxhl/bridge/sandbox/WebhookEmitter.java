package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the emulated HighLevel's webhooks: each event gets a {@code timestamp} and {@code webhookId},
 * is signed with Ed25519 over the exact bytes sent ({@code x-ghl-signature}, base64) and posted to the
 * configured URL from a thread of its own, in the order the changes happened, never inside the API call
 * that caused it. A share of events can be dropped, as lost deliveries; like HighLevel, a delivery that
 * fails is not sent again.
 */
public final class WebhookEmitter {

    /** The sandbox's own key (PKCS#8, base64); its public half is the bridge's default for the sandbox. */
    public static final String DEFAULT_PRIVATE_KEY =
            "MC4CAQAwBQYDK2VwBCIEIIEQi99EctxBUUn5/ig1l68GG6pBtGpsaSkG/fasaRoH";

    private final PrivateKey key;
    private final String initialUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile String url;
    private volatile boolean enabled = true;
    private volatile double dropShare;
    private Random random = new Random();
    private long lastStamp;

    public WebhookEmitter(String url, String privateKeyBase64) {
        this.initialUrl = url;
        this.url = url;
        this.key = readKey(privateKeyBase64 == null ? DEFAULT_PRIVATE_KEY : privateKeyBase64);
    }

    /** Queues one event; {@code payload} holds its fields, type and location are set here. */
    public synchronized void emit(String type, String locationId, ObjectNode payload) {
        if (!enabled || url == null) {
            return;
        }
        ObjectNode event = SandboxJson.object();
        event.put("type", type);
        event.put("locationId", locationId);
        payload.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("type") && !f.getKey().equals("locationId")) {
                event.set(f.getKey(), f.getValue());
            }
        });
        // stamped when the change happened, strictly increasing, so the order of changes is kept
        lastStamp = Math.max(System.currentTimeMillis(), lastStamp + 1);
        event.put("timestamp", Timestamps.format(lastStamp));
        event.put("webhookId", UUID.randomUUID().toString());
        emitted.incrementAndGet();
        if (random.nextDouble() < dropShare) {
            dropped.incrementAndGet();
            return;
        }
        byte[] body = SandboxJson.bytes(event);
        String target = url;
        pending.incrementAndGet();
        sender.execute(() -> deliver(target, body));
    }

    /** {@code enabled}, {@code dropShare} (0 to 1), {@code seed} for the drop draws, {@code url}. */
    public synchronized Map<String, Object> configure(JsonNode settings) {
        if (settings.has("enabled")) {
            enabled = settings.get("enabled").asBoolean();
        }
        if (settings.has("dropShare")) {
            double share = settings.get("dropShare").asDouble();
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("dropShare must be between 0 and 1");
            }
            dropShare = share;
        }
        if (settings.has("seed")) {
            random = new Random(settings.get("seed").asLong());
        }
        if (settings.hasNonNull("url")) {
            url = settings.get("url").asText();
        }
        return status();
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("enabled", enabled);
        status.put("url", url);
        status.put("dropShare", dropShare);
        status.put("emitted", emitted.get());
        status.put("dropped", dropped.get());
        status.put("delivered", delivered.get());
        status.put("failed", failed.get());
        status.put("pending", pending.get());
        return status;
    }

    public synchronized void reset() {
        enabled = true;
        dropShare = 0;
        url = initialUrl;
        random = new Random();
        emitted.set(0);
        dropped.set(0);
        delivered.set(0);
        failed.set(0);
    }

    private void deliver(String target, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("x-ghl-signature", sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status / 100 == 2 ? delivered : failed).incrementAndGet();
        } catch (IOException | IllegalArgumentException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
        } finally {
            pending.decrementAndGet();
        }
    }

    private String sign(byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(body);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sandbox cannot sign its webhooks", e);
        }
    }

    private static PrivateKey readKey(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "sandbox.ghl.webhooks.private-key is not an Ed25519 private key", e);
        }
    }
}
