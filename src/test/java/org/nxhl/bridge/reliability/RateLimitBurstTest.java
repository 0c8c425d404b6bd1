package org.nxhl.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Inbox;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.SandboxCalls;

/** A backlog of 1,000 leads for one location against HighLevel's real limit of 100 calls per 10 s. */
class RateLimitBurstTest {

    private static final String KEY = "sandbox-0f6c2b9e4d7a41c8b35e";
    private static final int LIMIT = 100;
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        // the sandbox's own webhooks would bring tag-rule calls into this count of lead calls; leads
        // without tags take two calls each (upsert and note), which keeps this burst under four minutes
        bridge = RunningBridge.start(Map.of("networx.subscribe-on-start", "false", "sandbox.ghl.webhooks.url", "",
                "lead.tags", ""));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void aBurstOfAThousandLeadsDrainsWithoutA429AtNinetyPercentOfTheLimitOrMore() throws Exception {
        new LeadSender(() -> bridge.url("/webhooks/networx/leads/" + KEY)).sendAll(1000, 16);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Inbox.leads(bridge, "done") == 1000);

        JsonNode journal = Http.get(bridge.url("/sandbox/control/calls")).json();
        assertThat(SandboxCalls.tooMany(journal)).isZero();
        assertThat(journal.path("accepted").asLong()).isEqualTo(2000);
        assertThat(SandboxCalls.perTenSeconds(journal)).as("calls in each whole 10 s window").isNotEmpty()
                .allSatisfy(n -> assertThat(n).isBetween(LIMIT * 9 / 10, LIMIT));
    }
}
