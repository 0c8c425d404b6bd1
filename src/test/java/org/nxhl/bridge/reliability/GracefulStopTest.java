package org.nxhl.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.SandboxProcess;

class GracefulStopTest {

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
    void aStopMidBurstLeavesNothingClaimedAndTheNextStartFinishesEveryLead() throws Exception {
        sandbox = SandboxProcess.start();
        sandbox.unlimitedRate();
        Http.send("PUT", sandbox.url("/sandbox/control/faults"), "{\"latencyShare\":1.0,\"latencyMs\":200}",
                "Content-Type", "application/json");
        Path store = Files.createTempDirectory("graceful").resolve("bridge");
        Map<String, String> settings = sandbox.leadBridgeSettings(store);
        bridge = BridgeProcess.start(settings);

        new LeadSender(() -> bridge.url("/webhooks/networx/leads/" + KEY)).sendAll(200, 8);
        await().atMost(Duration.ofSeconds(30)).until(() -> contacts().size() >= 10);
        assertThat(bridge.stop()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(contacts().size()).isLessThan(200);

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + store, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT status, claimed_by, COUNT(*) FROM inbox_event GROUP BY status, claimed_by")) {
            java.util.List<String> held = new java.util.ArrayList<>();
            while (rs.next()) {
                if ("processing".equals(rs.getString(1)) || rs.getString(2) != null) {
                    held.add(rs.getString(1) + " by " + rs.getString(2) + ": " + rs.getInt(3));
                }
            }
            assertThat(held).as("events still held after the stop").isEmpty();
        }

        Http.send("PUT", sandbox.url("/sandbox/control/faults"), "{}", "Content-Type", "application/json");
        bridge = BridgeProcess.start(settings);
        await().atMost(Duration.ofSeconds(60)).until(() -> contacts().size() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> contacts().stream()
                .mapToInt(c -> c.path("notes").size()).sum() == 200);
        assertThat(contacts()).allSatisfy(c -> assertThat(c.path("notes")).hasSize(1));
    }

    private java.util.List<JsonNode> contacts() throws Exception {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        Http.get(sandbox.url("/sandbox/control/contacts?locationId=sandbox")).json().path("contacts")
                .forEach(out::add);
        return out;
    }
}
