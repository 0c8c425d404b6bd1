package org.nxhl.bridge.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.JavaProcess;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.Postgres;
import org.nxhl.bridge.support.SandboxCalls;
import org.nxhl.bridge.support.SandboxProcess;

/**
 * Two replicas on one PostgreSQL database draining one location's backlog against HighLevel's real limit:
 * each alone would spend the whole budget, so only a budget they share keeps the location under it.
 */
class SharedRateBudgetTest {

    private static final int LIMIT = 100;
    private SandboxProcess sandbox;
    private BridgeProcess first;
    private BridgeProcess second;

    @AfterEach
    void stop() throws Exception {
        JavaProcess.stopAll(first, second, sandbox);
    }

    @Test
    void twoReplicasShareOneLocationsBudgetWithoutA429AtNinetyPercentOfTheLimitOrMore() throws Exception {
        sandbox = SandboxProcess.start();
        Map<String, String> settings = new HashMap<>(sandbox.bridgeSettings());
        settings.putAll(Postgres.storeSettings());
        settings.put("networx.subscribe-on-start", "false");
        // plain leads, an upsert and a note each
        settings.put("lead.tags", "");
        first = BridgeProcess.start(settings);
        second = BridgeProcess.start(settings);

        AtomicInteger turn = new AtomicInteger();
        String path = "/webhooks/networx/leads/" + SandboxProcess.INTAKE_KEY;
        LeadSender sender = new LeadSender(() -> (turn.getAndIncrement() % 2 == 0 ? first : second).url(path));
        sender.sendAll(300, 8);
        assertThat(sender.accepted()).isEqualTo(300);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> journal().path("accepted").asLong() >= 600);

        JsonNode journal = journal();
        assertThat(SandboxCalls.tooMany(journal)).isZero();
        assertThat(journal.path("accepted").asLong()).isEqualTo(600);
        assertThat(SandboxCalls.perTenSeconds(journal)).as("calls in each whole 10 s window").hasSizeGreaterThan(3)
                .allSatisfy(n -> assertThat(n).isBetween(LIMIT * 9 / 10, LIMIT));
    }

    private JsonNode journal() throws Exception {
        return Http.get(sandbox.url("/sandbox/control/calls")).json();
    }
}
