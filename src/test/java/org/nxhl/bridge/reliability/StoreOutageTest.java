package org.nxhl.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Inbox;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.Postgres;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.TcpProxy;

class StoreOutageTest {

    private static final String KEY = "sandbox-0f6c2b9e4d7a41c8b35e";
    private static TcpProxy proxy;
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        String url = Postgres.newDatabase();
        proxy = new TcpProxy(Postgres.port());
        bridge = RunningBridge.start(Map.of(
                "store.url", url.replace(":" + Postgres.port() + "/", ":" + proxy.port() + "/"),
                "store.user", "postgres", "store.password", "postgres",
                "networx.subscribe-on-start", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
        proxy.close();
    }

    @Test
    void whileTheStoreIsDownIntakeAnswers503AndRecoversWithoutARestart() throws Exception {
        String url = bridge.url("/webhooks/networx/leads/" + KEY);
        assertThat(Http.postJson(url, LeadSender.lead(1)).status()).isEqualTo(202);

        proxy.cut();
        Http.Answer down = Http.postJson(url, LeadSender.lead(2));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("error").asText()).isEqualTo("store_unavailable");
        assertThat(down.headers()).containsKey("retry-after");

        proxy.restore();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.postJson(url, LeadSender.lead(2)).status() == 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> Inbox.leads(bridge, "done") == 2);
    }
}
