package org.nxhl.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.JavaProcess;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.Postgres;
import org.nxhl.bridge.support.SandboxOAuth;
import org.nxhl.bridge.support.SandboxProcess;

/** Two bridge processes on one PostgreSQL database, against one sandbox process. */
class TwoProcessRefreshTest {

    private SandboxProcess sandboxProcess;
    private BridgeProcess first;
    private BridgeProcess second;

    @AfterEach
    void stop() throws Exception {
        JavaProcess.stopAll(first, second, sandboxProcess);
    }

    @Test
    void twoBridgesSharingPostgresRefreshAnExpiredTokenOnceBetweenThemAndBothDeliver() throws Exception {
        sandboxProcess = SandboxProcess.start();
        SandboxOAuth sandbox = new SandboxOAuth(sandboxProcess.url(""));
        sandbox.unlimitedRate();
        Map<String, String> settings = OAuthLocations.against(sandboxProcess);
        settings.putAll(Postgres.storeSettings());
        settings.put("inbox.workers", "25");
        first = BridgeProcess.start(settings);
        second = BridgeProcess.start(settings);

        sandbox.accessTokenLifetime(2);
        assertThat(SandboxOAuth.install(first.url(""), "north").body()).contains("north is now connected");
        sandbox.accessTokenLifetime(3600);
        Thread.sleep(2_200);

        AtomicInteger turn = new AtomicInteger();
        String path = "/webhooks/networx/leads/" + OAuthLocations.intakeKey("north");
        LeadSender sender = new LeadSender(() -> (turn.getAndIncrement() % 2 == 0 ? first : second).url(path));
        sender.sendAll(50, 50);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sandbox.contacts("north").size() == 50);

        assertThat(sandbox.refreshes("north")).isEqualTo(1);
        assertThat(sandbox.calls("invalid_grant")).isZero();
        assertThat(sandbox.contacts("north"))
                .allSatisfy(c -> assertThat(c.path("email").asText()).isNotEmpty());
    }
}
