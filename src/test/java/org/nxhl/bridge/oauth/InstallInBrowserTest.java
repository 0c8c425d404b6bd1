package org.nxhl.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.SandboxOAuth;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The install as an admin makes it: Debian's Chromium, headless, driven through chromedriver. */
class InstallInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void anAdminInstallsTheAppInABrowserAndTheChosenLocationsLeadsBecomeContacts() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: no Chromium here (apt-get install chromium chromium-driver, as .ci/run does)");
        try (RunningBridge bridge = RunningBridge.start(OAuthLocations.settings())) {
            WebDriver browser = browser();
            try {
                browser.get(bridge.url("/oauth/install"));
                assertThat(browser.getTitle()).isEqualTo("Choose an account");
                assertThat(browser.findElement(By.tagName("body")).getText()).contains("West Gutters (west)");
                browser.findElement(By.id("location-west")).click();
                browser.findElement(By.id("approve")).click();
                await().atMost(Duration.ofSeconds(20)).until(() -> "Connected".equals(browser.getTitle()));
                assertThat(browser.getCurrentUrl()).startsWith(bridge.url("/oauth/callback"));
                assertThat(browser.findElement(By.tagName("body")).getText())
                        .contains("HighLevel location west is now connected to the bridge.");
            } finally {
                browser.quit();
            }

            String leadUrl = bridge.url("/webhooks/networx/leads/" + OAuthLocations.intakeKey("west"));
            assertThat(Http.postJson(leadUrl, LeadSender.lead(42)).status()).isEqualTo(202);
            SandboxOAuth sandbox = new SandboxOAuth(bridge.url(""));
            await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.contacts("west").size() == 1
                    && sandbox.contacts("west").get(0).path("notes").size() == 1);
            assertThat(sandbox.contacts("west").get(0).path("email").asText())
                    .isEqualTo("person42@example.org");
        }
    }

    private static WebDriver browser() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        return new ChromeDriver(service, options);
    }
}
