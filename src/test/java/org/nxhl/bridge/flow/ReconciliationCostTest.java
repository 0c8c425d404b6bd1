package org.nxhl.bridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.sandbox.CallJournal;
import org.nxhl.bridge.sandbox.HighLevelEmulator;
import org.nxhl.bridge.support.HighLevelSide;
import org.nxhl.bridge.support.RunningBridge;

/** Reconciliation reads what changed, not the location. */
@Tag("store")
class ReconciliationCostTest {

    private static RunningBridge bridge;
    private static HighLevelSide highLevel;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("reconcile.enabled", "false", "reconcile.page-size", "20",
                "sandbox.ghl.rate-limit.max", "100000", "highlevel.rate-limit.max", "100000"));
        highLevel = new HighLevelSide(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aLocationOf20000ContactsWith50ChangedCostsCallsForTheFiftyNotTheLocation() throws Exception {
        HighLevelEmulator sandbox = bridge.bean("sandboxHighLevel", HighLevelEmulator.class);
        List<String> ids = sandbox.seedContacts(HighLevelSide.LOCATION, 20_000,
                Instant.now().minus(Duration.ofDays(1)).toEpochMilli());
        ReconciliationTest.reconcileWith(bridge);
        // the changes happen while webhooks are lost, so only reconciliation can see them
        highLevel.webhooks("{\"enabled\":false}");
        for (int i = 0; i < 50; i++) {
            String id = ids.get(i * 400);
            if (i % 5 == 0) {
                highLevel.setJobStatus(id, "Won");
            } else {
                highLevel.ok("PUT", "/contacts/" + id, "{\"lastName\":\"Changed " + i + "\"}");
            }
        }
        CallJournal journal = sandbox.journal();
        journal.reset();

        ReconciliationTest.reconcileWith(bridge);
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(300)).until(highLevel::idle);

        long searches = journal.count("POST", "/contacts/search", 200);
        assertThat(searches).isEqualTo(3);
        assertThat(highLevel.count("SELECT COUNT(*) FROM contact_state")).isEqualTo(50);
        assertThat(highLevel.callbacks("highlevel.contact.tags_changed")).hasSize(10);
        // 3 pages, the custom field list once, and one tag call for each of the 10 contacts now Won
        assertThat(journal.acceptedCount()).as(journal.snapshot(false).toString()).isEqualTo(3 + 1 + 10);
    }
}
