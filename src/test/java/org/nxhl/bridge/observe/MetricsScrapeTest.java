package org.nxhl.bridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Inbox;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Scrape;

@Tag("store")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsScrapeTest {

    private static final String KEY = "sandbox-0f6c2b9e4d7a41c8b35e";
    private static final int LEADS = 30;
    private static final String[] LEAD = {"source", "networx", "type", "networx.lead"};
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of(
                "networx.subscribe-on-start", "false",
                "inbox.retry.first", "PT0.2S",
                "inbox.retry.cap", "PT0.5S",
                "metrics.inbox-refresh", "PT0.5S"));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    @Order(1)
    void aBurstOfLeadsIsCountedFromIntakeToHighLevelAndWhileItRunsTheCountsOnlyGrow() throws Exception {
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            try {
                new LeadSender(() -> bridge.url("/webhooks/networx/leads/" + KEY)).sendAll(LEADS, 6);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Scrape> during = new ArrayList<>();
        while (!burst.isDone() || Inbox.leads(bridge, "done") < LEADS) {
            during.add(Scrape.of(bridge));
            Thread.sleep(150);
        }
        burst.join();
        assertThat(during).isNotEmpty();
        double last = 0;
        for (Scrape scrape : during) {
            double done = scrape.value("bridge_events_done_total", LEAD);
            assertThat(done).isBetween(last, (double) LEADS);
            assertThat(done).isLessThanOrEqualTo(scrape.value("bridge_events_received_total", LEAD));
            last = done;
        }

        Scrape after = Scrape.of(bridge);
        assertThat(after.value("bridge_events_received_total", LEAD)).isEqualTo(LEADS);
        assertThat(after.value("bridge_events_done_total", LEAD)).isEqualTo(LEADS);
        assertThat(after.value("bridge_events_retried_total", LEAD)).isZero();
        assertThat(after.value("bridge_events_dead_total", LEAD)).isZero();
        assertThat(after.value("bridge_highlevel_calls_total", "method", "POST", "endpoint", "/contacts/upsert",
                "status", "200")).isEqualTo(LEADS);
        assertThat(after.value("bridge_highlevel_calls_total", "method", "POST",
                "endpoint", "/contacts/{contactId}/notes", "status", "201")).isEqualTo(LEADS);
        assertThat(after.samples("bridge_highlevel_calls_total")).allSatisfy(s -> assertThat(
                s.labels().get("endpoint")).doesNotMatch(".*/[A-Za-z0-9]{12,}.*"));
        assertThat(after.value("bridge_highlevel_call_duration_seconds_count", "endpoint", "/contacts/upsert"))
                .isEqualTo(LEADS);
        assertThat(after.value("bridge_lead_to_contact_seconds_count")).isEqualTo(LEADS);
        assertThat(after.value("bridge_lead_to_contact_seconds_bucket", "le", "+Inf")).isEqualTo(LEADS);
        assertThat(after.samples("bridge_lead_to_contact_seconds_bucket")).hasSizeGreaterThan(5);
        // two calls a lead against a budget with a burst of five: later calls had to wait
        assertThat(after.value("bridge_ratelimit_waits_total", "location", "sandbox")).isPositive();
        assertThat(after.value("bridge_ratelimit_wait_seconds_total", "location", "sandbox")).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                Scrape.of(bridge).value("bridge_inbox_events", "status", "pending") == 0
                        && Scrape.of(bridge).value("bridge_inbox_events", "status", "processing") == 0);
    }

    @Test
    @Order(2)
    void camelsOwnMetricsAreOnTheSamePageAndNoPersonOrSecretIsInIt() throws Exception {
        Scrape scrape = Scrape.of(bridge);
        assertThat(scrape.hasFamily("camel_exchanges_")).isTrue();
        assertThat(scrape.hasFamily("camel_route_policy_")).isTrue();
        assertThat(scrape.hasFamily("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.text()).doesNotContain("@example.org", "213555", "sandbox-pit", KEY,
                "sandbox-admin-token");
    }

    @Test
    @Order(3)
    void aLeadAlreadyHeldIsCountedAsADuplicateAndNotReceivedAgain() throws Exception {
        Http.Answer again = Http.postJson(bridge.url("/webhooks/networx/leads/" + KEY), LeadSender.lead(0));
        assertThat(again.status()).isEqualTo(200);
        Scrape scrape = Scrape.of(bridge);
        assertThat(scrape.value("bridge_events_duplicate_total", LEAD)).isEqualTo(1);
        assertThat(scrape.value("bridge_events_received_total", LEAD)).isEqualTo(LEADS);
    }

    @Test
    @Order(4)
    void aFailedAttemptIsCountedAsRetriedAndTheWaitingEventShowsInTheInboxGauges() throws Exception {
        Http.Answer faults = Http.send("PUT", bridge.url("/sandbox/control/faults"), "{\"errorShare\":1.0}",
                "Content-Type", "application/json");
        assertThat(faults.status()).isEqualTo(200);
        try {
            Http.Answer stored = Http.postJson(bridge.url("/webhooks/networx/leads/" + KEY),
                    LeadSender.lead(LEADS));
            assertThat(stored.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.of(bridge)
                    .value("bridge_events_retried_total", LEAD) >= 2);
            Scrape failing = Scrape.of(bridge);
            double serverErrors = failing.samples("bridge_highlevel_calls_total", "endpoint", "/contacts/upsert")
                    .stream().filter(s -> s.labels().get("status").startsWith("5"))
                    .mapToDouble(Scrape.Sample::value).sum();
            assertThat(serverErrors).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> Scrape.of(bridge)
                    .value("bridge_inbox_oldest_waiting_age_seconds") > 0.5);
        } finally {
            Http.send("PUT", bridge.url("/sandbox/control/faults"), "{}", "Content-Type", "application/json");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.of(bridge)
                .value("bridge_events_done_total", LEAD) == LEADS + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Scrape.of(bridge)
                .value("bridge_inbox_oldest_waiting_age_seconds") == 0);
    }

    @Test
    @Order(5)
    void anEventHighLevelRefusesForGoodIsCountedAsDead() throws Exception {
        Http.Answer revoked = Http.send("DELETE", bridge.url("/sandbox/control/tokens/sandbox-pit"), null);
        assertThat(revoked.status() / 100).isEqualTo(2);
        Http.postJson(bridge.url("/webhooks/networx/leads/" + KEY), LeadSender.lead(LEADS + 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.of(bridge)
                .value("bridge_events_dead_total", LEAD) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Scrape.of(bridge)
                .value("bridge_inbox_events", "status", "dead") == 1);
        assertThat(Scrape.of(bridge).value("bridge_highlevel_calls_total", "status", "401")).isPositive();
    }
}
