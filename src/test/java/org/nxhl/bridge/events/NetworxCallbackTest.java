package org.nxhl.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.support.NetworxEvents;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.Sandbox;

/** The callback to the Networx side is retried until accepted, under one webhook-id, across restarts. */
class NetworxCallbackTest {

    /** A Networx side that refuses the first {@code refusals} posts with {@code refusal}, then accepts. */
    private HttpServer server;
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile int refusal = 503;
    private volatile String refusalBody = "";
    private final Map<String, String> refusalHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callbacks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("webhook-signature"), "body", body));
            if (refusals.getAndDecrement() > 0) {
                byte[] answer = refusalBody.getBytes(StandardCharsets.UTF_8);
                refusalHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(refusal, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRefusedCallbackIsSentAgainWithBackoffUnderTheSameIdUntilAccepted() throws Exception {
        refusals.set(2);
        try (RunningBridge bridge = RunningBridge.start(settings(Files.createTempDirectory("callback")))) {
            postContactUpdate(bridge, "66600001", "2135550161");

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
            assertThat(received).extracting(r -> r.get("id")).containsOnly(received.get(0).get("id"));
            for (Map<String, String> attempt : received) {
                new Webhook(NetworxEvents.CALLBACK_SECRET).verify(attempt.get("body"), Map.of(
                        "webhook-id", List.of(attempt.get("id")),
                        "webhook-timestamp", List.of(attempt.get("timestamp")),
                        "webhook-signature", List.of(attempt.get("signature"))));
            }
            Thread.sleep(800);
            assertThat(received).hasSize(3);
        }
    }

    @Test
    void aCallbackTheReceiverRefusesOutrightIsDeadAtOnceWithWhatItSaid() throws Exception {
        refusals.set(Integer.MAX_VALUE);
        refusal = 400;
        refusalBody = "{\"error\":\"unknown signing key\"}";
        try (RunningBridge bridge = RunningBridge.start(settings(Files.createTempDirectory("callback-400")))) {
            postContactUpdate(bridge, "66600003", "2135550163");

            InboxStore inbox = bridge.bean("inbox", InboxStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.deadLetters(NetworxCallbacks.TYPE,
                    null, 10).isEmpty());
            assertThat(inbox.deadLetters(NetworxCallbacks.TYPE, null, 10).get(0).get("lastError").toString())
                    .contains("answered 400", "unknown signing key");
            Thread.sleep(1_500);
            assertThat(received).as("a refused callback is not sent again").hasSize(1);
        }
    }

    @Test
    void aThrottledCallbackWaitsForTheRetryAfterItWasGiven() throws Exception {
        refusals.set(1);
        refusal = 429;
        refusalHeaders.put("Retry-After", "2");
        try (RunningBridge bridge = RunningBridge.start(settings(Files.createTempDirectory("callback-429")))) {
            postContactUpdate(bridge, "66600004", "2135550164");

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            long first = Long.parseLong(received.get(0).get("timestamp"));
            long second = Long.parseLong(received.get(1).get("timestamp"));
            assertThat(second - first).as("seconds between the two posts, against a backoff of at most 1 s")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aCallbackNotYetAcceptedWhenTheBridgeStopsIsSentAfterItStartsAgain() throws Exception {
        refusals.set(Integer.MAX_VALUE);
        Path store = Files.createTempDirectory("callback-restart");
        try (RunningBridge bridge = RunningBridge.start(settings(store))) {
            postContactUpdate(bridge, "66600002", "2135550162");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
        }
        String id = received.get(0).get("id");
        refusals.set(0);
        received.clear();
        try (RunningBridge again = RunningBridge.start(settings(store))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
            assertThat(received.get(0).get("id")).isEqualTo(id);
            assertThat(received.get(0).get("body")).contains("highlevel.contact.synced");
        }
    }

    private Map<String, String> settings(Path store) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
        return Map.of("networx.callback.url", url,
                "inbox.retry.first", "PT0.2S", "inbox.retry.cap", "PT1S",
                "store.url", "jdbc:h2:file:" + store.resolve("bridge"));
    }

    private static void postContactUpdate(RunningBridge bridge, String leadId, String phone)
            throws Exception {
        new Sandbox(bridge).deliverLead(Samples.object("lead.json").put("lead_id", leadId).put("phone", phone)
                .put("email", leadId + "@example.org").toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.bean("contactLinks", ContactLinks.class)
                .contactOfLead("sandbox", leadId).isPresent());
        ObjectNode event = Samples.object("contact-updated.json");
        ((ObjectNode) event.get("data")).put("leadId", leadId);
        assertThat(new NetworxEvents(bridge).post(event.toString()).status()).isEqualTo(202);
    }
}
