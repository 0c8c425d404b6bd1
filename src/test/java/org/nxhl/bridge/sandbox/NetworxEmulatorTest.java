package org.nxhl.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworxEmulatorTest {

    private static final Map<String, String> SANDBOX_USER =
            Map.of("Authorization", TestHttp.basic("sandbox", "sandbox"));

    private static SandboxServer server;
    private static String networx;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.start(Map.of("sandbox.networx.users",
                "sandbox:sandbox:Sandbox Carpentry;other:secret:Other Roofing"));
        networx = server.baseUrl() + SandboxRoutes.NETWORX_PATH;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.networx().reset();
    }

    @Test
    void validateNamesTheClientOrAnswers401() throws Exception {
        TestHttp.Reply ok = TestHttp.send("GET", networx + "/public/validate", SANDBOX_USER, null);
        TestHttp.Reply wrong = TestHttp.send("GET", networx + "/public/validate",
                Map.of("Authorization", TestHttp.basic("sandbox", "nope")), null);
        TestHttp.Reply none = TestHttp.send("GET", networx + "/public/validate", Map.of(), null);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("client_name").asText()).isEqualTo("Sandbox Carpentry");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void aNewSubscriptionReplacesTheOldOneAndUnsubscribeForgetsIt() throws Exception {
        String first = subscribe("http://127.0.0.1:1/a");
        String second = subscribe("http://127.0.0.1:1/b");

        TestHttp.Reply old = TestHttp.send("DELETE", networx + "/public/subscription/" + first, SANDBOX_USER, null);
        TestHttp.Reply current = TestHttp.send("DELETE", networx + "/public/subscription/" + second,
                SANDBOX_USER, null);

        assertThat(first).isNotEqualTo(second);
        assertThat(old.status()).isEqualTo(404);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("message").asText()).isNotBlank();
        assertThat(server.networx().webhookUrl("sandbox")).isEmpty();
    }

    @Test
    void testTriggerAnswersTheSampleLead() throws Exception {
        TestHttp.Reply reply = TestHttp.send("GET", networx + "/public/test_trigger", SANDBOX_USER, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("lead_id").asText()).isEqualTo("12345678");
        assertThat(reply.json().get("lead_attributes[What kind of location is this?]").asText())
                .isEqualTo("Home / Residence");
    }

    @Test
    void aPushedLeadReachesTheWebhookByteForByte() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + "|" + exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        webhook.start();
        try {
            subscribe("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
            String lead = "{ \"lead_id\" : \"42\",\"first_name\":\"Pat\" }";

            TestHttp.Reply reply = TestHttp.send("POST", networx + "/leads", Map.of(), lead);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("delivered").asBoolean()).isTrue();
            assertThat(reply.json().get("status").asInt()).isEqualTo(202);
            assertThat(reply.json().at("/response/accepted").asBoolean()).isTrue();
            assertThat(received.get()).isEqualTo(lead + "|application/json");
        } finally {
            webhook.stop(0);
        }
    }

    @Test
    void aLeadWithoutASubscriptionAnswers409() throws Exception {
        TestHttp.Reply reply = TestHttp.send("POST", networx + "/leads", Map.of(), "{\"lead_id\":\"1\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("message").asText()).contains("subscription");
    }

    @Test
    void callbacksAreKeptWithTheirSignatureHeadersAndFilteredByType() throws Exception {
        Map<String, String> signed = Map.of("webhook-id", "msg_1", "webhook-timestamp", "1700000000",
                "webhook-signature", "v1,abc");
        TestHttp.Reply stored = TestHttp.send("POST", networx + "/callbacks", signed,
                "{\"type\":\"highlevel.task.completed\",\"data\":{}}");
        TestHttp.send("POST", networx + "/callbacks", signed, "{\"type\":\"highlevel.tags.applied\"}");

        TestHttp.Reply tasks = TestHttp.send("GET", networx + "/callbacks?type=highlevel.task.completed",
                Map.of(), null);
        TestHttp.Reply cleared = TestHttp.send("DELETE", networx + "/callbacks", Map.of(), null);
        TestHttp.Reply after = TestHttp.send("GET", networx + "/callbacks", Map.of(), null);

        assertThat(stored.status()).isEqualTo(204);
        assertThat(tasks.json().get("callbacks")).hasSize(1);
        assertThat(tasks.json().at("/callbacks/0/webhookSignature").asText()).isEqualTo("v1,abc");
        assertThat(tasks.json().at("/callbacks/0/body").asText())
                .isEqualTo("{\"type\":\"highlevel.task.completed\",\"data\":{}}");
        assertThat(cleared.json().get("cleared").asInt()).isEqualTo(2);
        assertThat(after.json().get("callbacks")).isEmpty();
    }

    private static String subscribe(String url) throws Exception {
        TestHttp.Reply reply = TestHttp.send("POST", networx + "/public/subscription", SANDBOX_USER,
                "{\"webhook_url\":\"" + url + "\"}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("subscription_id").asText();
    }
}
