package org.nxhl.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.JavaProcess;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.SandboxOAuth;
import org.nxhl.bridge.support.SandboxProcess;

/**
 * A bridge killed while HighLevel has carried out its refresh but not yet answered: the refresh token it
 * holds is spent, and the next start must say so for the location instead of trying it again and again.
 */
class KilledMidRefreshTest {

    private SandboxProcess sandboxProcess;
    private BridgeProcess bridge;

    @AfterEach
    void stop() throws Exception {
        JavaProcess.stopAll(bridge, sandboxProcess);
    }

    @Test
    void aBridgeKilledBeforeItStoredARotatedTokenStartsWithTheLocationMarkedForReinstallAndNoLoop()
            throws Exception {
        sandboxProcess = SandboxProcess.start();
        SandboxOAuth sandbox = new SandboxOAuth(sandboxProcess.url(""));
        sandbox.unlimitedRate();
        Map<String, String> settings = OAuthLocations.against(sandboxProcess);
        settings.put("store.url", "jdbc:h2:file:" + Files.createTempDirectory("killed-mid-refresh")
                .resolve("bridge"));
        settings.put("oauth.reinstall-wait", "PT1S");
        // the lead the killed process held is taken again this soon after the next start
        settings.put("inbox.lease", "PT3S");
        bridge = BridgeProcess.start(settings);

        sandbox.accessTokenLifetime(2);
        assertThat(SandboxOAuth.install(bridge.url(""), "north").body()).contains("north is now connected");
        sandbox.accessTokenLifetime(3600);
        Thread.sleep(2_200);

        sandbox.delayNextTokenAnswer(20_000);
        String intake = "/webhooks/networx/leads/" + OAuthLocations.intakeKey("north");
        assertThat(Http.postJson(bridge.url(intake), LeadSender.lead(1)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.refreshes("north") == 1);
        bridge.kill();
        sandbox.delayNextTokenAnswer(0);

        bridge = BridgeProcess.start(settings);
        String readiness = bridge.managementUrl("/observe/health/ready?exposureLevel=full");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Http.get(readiness).body().contains("needs_reinstall"));
        assertThat(Http.get(readiness).body()).contains("north", "invalid_grant", "never stored its answer");
        long refused = sandbox.calls("invalid_grant");
        assertThat(refused).isEqualTo(1);
        // the waiting lead is tried again every second, without sending the spent token again
        Thread.sleep(3_000);
        assertThat(sandbox.calls("invalid_grant")).isEqualTo(refused);
        assertThat(sandbox.refreshes("north")).isEqualTo(1);
        assertThat(sandbox.contacts("north")).isEmpty();

        assertThat(SandboxOAuth.install(bridge.url(""), "north").body()).contains("north is now connected");
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.contacts("north").size() == 1);
    }
}
