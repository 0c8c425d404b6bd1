package org.nxhl.bridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.JavaProcess;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.SandboxProcess;
import org.nxhl.bridge.support.UnsubscribeCommand;

/** The subscription a bridge makes at start-up, and the README's command that removes it. */
class NetworxUnsubscribeTest {

    private SandboxProcess sandbox;
    private BridgeProcess bridge;

    @AfterEach
    void stop() throws Exception {
        JavaProcess.stopAll(bridge, sandbox);
    }

    @Test
    void theUnsubscribeCommandRemovesTheSubscriptionTheBridgeMadeSoNoMoreLeadsAreDelivered() throws Exception {
        sandbox = SandboxProcess.start();
        Map<String, String> settings = new HashMap<>(sandbox.bridgeSettings());
        settings.put("store.url", "jdbc:h2:file:" + Files.createTempDirectory("unsubscribe").resolve("bridge"));
        bridge = BridgeProcess.start(settings);
        // health turns ready with the routes; the log says ready once the subscriptions are made
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(bridge.log()).contains("bridge ready"));
        String push = sandbox.url("/sandbox/networx/leads");
        Http.Answer delivered = Http.postJson(push, Samples.text("lead.json"));
        assertThat(delivered.json().path("status").asInt()).as(delivered.body()).isEqualTo(202);
        bridge.stop();

        assertThat(UnsubscribeCommand.run(settings)).isZero();
        String another = Samples.object("lead.json").put("lead_id", "12345699").toString();
        Http.Answer after = Http.postJson(push, another);
        assertThat(after.status()).isEqualTo(409);
        assertThat(after.body()).contains("No webhook subscription");
        // run again, nothing is held and nothing fails
        assertThat(UnsubscribeCommand.run(settings)).isZero();
    }

    @Test
    void onTheSandboxTheCommandOnlyForgetsTheSubscriptionsThatEndedWithTheBridge() throws Exception {
        Map<String, String> settings = Map.of("store.url",
                "jdbc:h2:file:" + Files.createTempDirectory("unsubscribe-sandbox").resolve("bridge"));
        bridge = BridgeProcess.start(settings);
        bridge.stop();
        assertThat(UnsubscribeCommand.run(settings)).isZero();
    }
}
