package org.nxhl.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.SandboxProcess;

class CrashSafetyTest {

    private static final String KEY = SandboxProcess.INTAKE_KEY;
    private SandboxProcess sandbox;
    private BridgeProcess bridge;

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.kill();
        }
        if (sandbox != null) {
            sandbox.kill();
        }
    }

    @Test
    void aBridgeKilledMidBurstLosesNoLeadAndDoesNothingTwice() throws Exception {
        sandbox = SandboxProcess.start();
        sandbox.unlimitedRate();
        Map<String, String> settings = sandbox.leadBridgeSettings(Files.createTempDirectory("crash").resolve("bridge"));
        settings.put("inbox.lease", "PT5S");
        bridge = BridgeProcess.start(settings);
        AtomicReference<BridgeProcess> current = new AtomicReference<>(bridge);

        LeadSender sender = new LeadSender(() -> current.get().url("/webhooks/networx/leads/" + KEY));
        Thread sending = new Thread(() -> {
            try {
                sender.sendAll(500, 8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sending.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.accepted() >= 250);
        bridge.kill();
        bridge = BridgeProcess.start(settings);
        current.set(bridge);
        sending.join(120_000);
        assertThat(sender.accepted()).isEqualTo(500);

        awaitQuietly(() -> contacts().size() == 500 && notes(contacts()) == 500);
        List<JsonNode> contacts = contacts();
        assertThat(contacts).hasSize(500);
        assertThat(contacts).allSatisfy(c -> assertThat(c.path("notes")).hasSize(1));
        assertThat(contacts.stream().map(c -> c.path("email").asText()).distinct()).hasSize(500);
    }

    private static void awaitQuietly(java.util.concurrent.Callable<Boolean> done) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertions that follow say what is missing
        }
    }

    private List<JsonNode> contacts() throws Exception {
        Http.Answer answer = Http.get(sandbox.url("/sandbox/control/contacts?locationId=sandbox"));
        List<JsonNode> out = new java.util.ArrayList<>();
        answer.json().path("contacts").forEach(out::add);
        return out;
    }

    private static int notes(List<JsonNode> contacts) {
        return contacts.stream().mapToInt(c -> c.path("notes").size()).sum();
    }
}
