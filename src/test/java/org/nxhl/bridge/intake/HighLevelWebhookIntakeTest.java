package org.nxhl.bridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.HighLevelSide;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;

/** The webhook endpoint of a bridge configured with key pairs of the test's own. */
@Tag("store")
class HighLevelWebhookIntakeTest {

    private static KeyPair ed25519;
    private static KeyPair rsa;
    private static RunningBridge bridge;
    private static HighLevelSide highLevel;

    @BeforeAll
    static void start() throws Exception {
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        bridge = RunningBridge.start(Map.of(
                "highlevel.webhook.public-key", Base64.getEncoder().encodeToString(
                        ed25519.getPublic().getEncoded()),
                "highlevel.webhook.rsa-public-key", Base64.getEncoder().encodeToString(
                        rsa.getPublic().getEncoded()),
                "reconcile.enabled", "false",
                "highlevel.events.task-wait", "PT3S", "highlevel.events.task-wait-retry", "PT0.3S",
                "sandbox.ghl.webhooks.url", ""));
        highLevel = new HighLevelSide(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void anEd25519SignedEventIsStoredAndAnEventNoFlowUsesIsDoneAsIgnored() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = event("NoteCreate", id, Instant.now(),
                "\"id\":\"note1\",\"contactId\":\"c1\",\"body\":\"hi\"");
        Http.Answer answer = post(body, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), body));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("type").asText()).isEqualTo("highlevel.note-create");
        await().atMost(Duration.ofSeconds(5)).until(() -> highLevel.eventState("highlevel-webhook:" + id),
                state -> state != null && state.startsWith("done"));
        assertThat(highLevel.eventState("highlevel-webhook:" + id)).isEqualTo(
                "done: ignored: no flow uses NoteCreate");
    }

    @Test
    void anRsaSignedEventIsAcceptedWhenThereIsNoEd25519Signature() throws Exception {
        String body = event("TaskDelete", UUID.randomUUID().toString(), Instant.now(), "\"id\":\"t9\"");
        assertThat(post(body, "x-wh-signature", sign("SHA256withRSA", rsa.getPrivate(), body)).status())
                .isEqualTo(202);
    }

    @Test
    void aBadEd25519SignatureIsRefusedEvenWithAGoodRsaOne() throws Exception {
        String body = event("TaskDelete", UUID.randomUUID().toString(), Instant.now(), "\"id\":\"t9\"");
        PrivateKey other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        String wrong = sign("Ed25519", other, body);
        Http.Answer answer = post(body, "x-ghl-signature", wrong,
                "x-wh-signature", sign("SHA256withRSA", rsa.getPrivate(), body));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("bad_signature");
    }

    @Test
    void oneChangedByteIsRefusedAndNothingIsStored() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = event("NoteCreate", id, Instant.now(), "\"id\":\"n2\",\"body\":\"abc\"");
        String signature = sign("Ed25519", ed25519.getPrivate(), body);
        Http.Answer answer = post(body.replace("abc", "abd"), "x-ghl-signature", signature);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(highLevel.eventState("highlevel-webhook:" + id)).isNull();
    }

    @Test
    void theSameEventReSerialisedWithOtherSpacingIsRefused() throws Exception {
        String body = event("NoteCreate", UUID.randomUUID().toString(), Instant.now(), "\"id\":\"n3\"");
        String signature = sign("Ed25519", ed25519.getPrivate(), body);
        String respaced = Http.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Http.JSON.readTree(body));
        assertThat(post(respaced, "x-ghl-signature", signature).status()).isEqualTo(401);
        assertThat(post(body, "x-ghl-signature", signature).status()).isEqualTo(202);
    }

    @Test
    void aTimestampOlderThanTheWindowIsRefused() throws Exception {
        String body = event("NoteCreate", UUID.randomUUID().toString(), Instant.now().minusSeconds(6 * 60),
                "\"id\":\"n4\"");
        Http.Answer answer = post(body, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), body));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("stale_timestamp");
    }

    @Test
    void aReplayedWebhookIdIsRefusedEvenWithAnotherSignedBody() throws Exception {
        String id = UUID.randomUUID().toString();
        String first = event("NoteCreate", id, Instant.now(), "\"id\":\"n5\"");
        assertThat(post(first, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), first)).status())
                .isEqualTo(202);
        Http.Answer again = post(first, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), first));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isEqualTo("replayed_webhook");
        String other = event("NoteUpdate", id, Instant.now(), "\"id\":\"n5\"");
        assertThat(post(other, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), other)).status())
                .isEqualTo(409);
    }

    @Test
    void aTaskCompletedWithoutContactIdIsResolvedFromTheTaskCreatedBefore() throws Exception {
        String created = event("TaskCreate", UUID.randomUUID().toString(), Instant.now(),
                "\"id\":\"task-77\",\"contactId\":\"contact-77\",\"title\":\"Call back\"");
        assertThat(post(created, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), created)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> highLevel.count(
                "SELECT COUNT(*) FROM task_link WHERE task_id = ?", "task-77") == 1);
        String completed = event("TaskComplete", UUID.randomUUID().toString(), Instant.now(),
                "\"id\":\"task-77\",\"title\":\"Call back\"");
        assertThat(post(completed, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(),
                completed)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> highLevel.callbacksAbout("highlevel.task.completed",
                "contact-77").size() == 1);
    }

    @Test
    void aTaskCompletedWithoutContactIdWaitsForItsTaskCreateThatTheInboxTakesLater() throws Exception {
        String completed = event("TaskComplete", UUID.randomUUID().toString(), Instant.now(),
                "\"id\":\"task-78\",\"title\":\"Measure the deck\"");
        assertThat(post(completed, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(),
                completed)).status()).isEqualTo(202);
        Thread.sleep(500);
        String created = event("TaskCreate", UUID.randomUUID().toString(), Instant.now(),
                "\"id\":\"task-78\",\"contactId\":\"contact-78\",\"title\":\"Measure the deck\"");
        assertThat(post(created, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(), created)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> highLevel.callbacksAbout("highlevel.task.completed",
                "contact-78").size() == 1);
    }

    @Test
    void aTaskCompletedWithoutContactIdThatTheBridgeCannotResolveIsDeadWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString();
        String completed = event("TaskComplete", id, Instant.now(),
                "\"id\":\"task-unknown\",\"title\":\"x\"");
        assertThat(post(completed, "x-ghl-signature", sign("Ed25519", ed25519.getPrivate(),
                completed)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> highLevel.eventState("highlevel-webhook:" + id),
                state -> state != null && state.startsWith("dead"));
        assertThat(highLevel.eventState("highlevel-webhook:" + id))
                .contains("names no contact", "after waiting");
    }

    private static String event(String type, String webhookId, Instant timestamp, String fields) {
        return "{\"type\":\"" + type + "\",\"locationId\":\"sandbox\"," + fields + ",\"timestamp\":\""
                + timestamp + "\",\"webhookId\":\"" + webhookId + "\"}";
    }

    private static Http.Answer post(String body, String... headers) throws Exception {
        return Http.postJson(bridge.url("/webhooks/ghl"), body, headers);
    }

    private static String sign(String algorithm, PrivateKey key, String body) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }
}
