package org.nxhl.bridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.HighLevelSide;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;

/** The per-location schedule, and what INSTALL and UNINSTALL do to it. */
@Tag("store")
class ReconcileScheduleTest {

    private static RunningBridge bridge;
    private static HighLevelSide highLevel;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("location.sandbox.reconcile.cron", "0/1 * * * * ?"));
        highLevel = new HighLevelSide(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void theLocationsCronRunsReconciliationAndUninstallStopsItUntilInstall() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> highLevel.count(
                "SELECT COUNT(*) FROM reconcile_checkpoint WHERE location_id = 'sandbox'"
                        + " AND finished_at IS NOT NULL")
                == 1);
        String route = "highlevel-reconcile-sandbox";

        String uninstall = appEvent("UNINSTALL");
        assertThat(post(uninstall)).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(route) == ServiceStatus.Stopped);
        assertThat(highLevel.count("SELECT COUNT(*) FROM reconcile_checkpoint WHERE location_id = 'sandbox'"
                + " AND suspended = TRUE")).isEqualTo(1);
        assertThat(ReconciliationTest.reconcileWith(bridge)).startsWith("skipped");

        assertThat(post(appEvent("INSTALL"))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(route) == ServiceStatus.Started);
        // the schedule may hold the location's lease at the moment; a run soon after gets it
        await().atMost(Duration.ofSeconds(5)).until(
                () -> !ReconciliationTest.reconcileWith(bridge).startsWith("skipped"));
    }

    @Test
    void aRulesFileWithAMistakeStopsTheStart() throws Exception {
        Path rules = Files.createTempFile("tag-rules", ".yaml");
        Files.writeString(rules, "rules:\n  - name: broken\n    when: {field: dnd}\n    add: x\n");
        assertThatThrownBy(() -> RunningBridge.start(Map.of("tag-rules.file", rules.toString())))
                .hasMessageContaining("did not start");
    }

    private static ServiceStatus status(String route) {
        return bridge.camel().getRouteController().getRouteStatus(route);
    }

    private static String appEvent(String type) {
        return "{\"type\":\"" + type
                + "\",\"appId\":\"app1\",\"companyId\":\"co1\",\"locationId\":\"sandbox\","
                + "\"timestamp\":\"" + Instant.now() + "\",\"webhookId\":\"" + UUID.randomUUID() + "\"}";
    }

    private static int post(String body) throws Exception {
        return Http.postJson(bridge.url("/webhooks/ghl"), body, "x-ghl-signature",
                HighLevelSide.sandboxSignature(body)).status();
    }
}
