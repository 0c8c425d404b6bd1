package org.nxhl.bridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.HighLevelSide;
import org.nxhl.bridge.support.RunningBridge;

/** What webhooks lose, one reconciliation run makes up for. */
@Tag("store")
class ReconciliationTest {

    private static final int CONTACTS = 30;
    private static RunningBridge bridge;
    private static HighLevelSide highLevel;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("reconcile.enabled", "false", "reconcile.page-size", "25",
                "sandbox.ghl.rate-limit.max", "100000", "highlevel.rate-limit.max", "100000"));
        highLevel = new HighLevelSide(bridge);
        reconcile();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void withThirtyPercentOfWebhooksDroppedOneRunBringsNetworxToTheSameStateAsWithNoneDropped()
            throws Exception {
        Outcome none = scenario("all", 0.0);
        assertThat(none.callbacksBeforeRun()).isEqualTo(none.expected());

        Outcome dropped = scenario("lossy", 0.3);
        assertThat(dropped.dropped()).isGreaterThan(0);
        assertThat(dropped.callbacksBeforeRun()).isLessThan(dropped.expected());
        assertThat(dropped.finalState()).isEqualTo(none.finalState());
        assertThat(dropped.callbacks()).isEqualTo(none.callbacks());
    }

    private record Outcome(long dropped, int expected, int callbacksBeforeRun,
            Map<Integer, List<String>> callbacks,
                           Map<Integer, List<String>> finalState) {
    }

    /** Contacts made and changed while a share of webhooks is dropped, then one run: what Networx got. */
    private static Outcome scenario(String name, double dropShare) throws Exception {
        highLevel.webhooks("{\"dropShare\":" + dropShare + ",\"seed\":42}");
        long droppedBefore = highLevel.webhooks(null).path("dropped").asLong();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            ids.add(highLevel.createContact(name + i + "@example.com", "prospect"));
        }
        int expected = 0;
        for (int i = 0; i < CONTACTS; i++) {
            switch (i % 3) {
                case 0 -> highLevel.setJobStatus(ids.get(i), "Won");
                case 1 -> highLevel.ok("PUT", "/contacts/" + ids.get(i), "{\"dnd\":true}");
                default -> highLevel.ok("PUT", "/contacts/" + ids.get(i), "{\"city\":\"Reno\"}");
            }
            expected += i % 3 == 2 ? 0 : 1;
        }
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(300)).until(highLevel::idle);
        int before = count(ids);
        reconcile();
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(300)).until(highLevel::idle);
        highLevel.webhooks("{\"dropShare\":0}");

        Map<Integer, List<String>> callbacks = new TreeMap<>();
        Map<Integer, List<String>> tags = new TreeMap<>();
        for (int i = 0; i < CONTACTS; i++) {
            List<String> seen = new ArrayList<>();
            for (JsonNode callback : highLevel.callbacksAbout("highlevel.contact.tags_changed", ids.get(i))) {
                JsonNode data = callback.path("json").path("data");
                seen.add(data.path("rule").asText() + " +" + data.path("added")
                        + " -" + data.path("removed"));
            }
            callbacks.put(i, seen);
            tags.put(i, highLevel.tags(ids.get(i)).stream().sorted().toList());
        }
        return new Outcome(highLevel.webhooks(null).path("dropped").asLong() - droppedBefore, expected,
                before,
                callbacks, tags);
    }

    private static int count(List<String> ids) throws Exception {
        int total = 0;
        for (String id : ids) {
            total += highLevel.callbacksAbout("highlevel.contact.tags_changed", id).size();
        }
        return total;
    }

    private static void reconcile() {
        reconcileWith(bridge);
    }

    /** One run for the sandbox location, as the schedule makes it; answers its outcome. */
    static String reconcileWith(RunningBridge running) {
        return running.camel().createProducerTemplate().requestBodyAndHeader("direct:highlevel-reconcile",
                null,
                "LocationId", HighLevelSide.LOCATION, String.class);
    }
}
