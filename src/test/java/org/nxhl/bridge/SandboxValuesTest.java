package org.nxhl.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.location.Locations;

class SandboxValuesTest {

    /** What an operator leaving the sandbox sets at the least: real endpoints, secrets of their own. */
    private static final Map<String, String> OWN = Map.ofEntries(
            Map.entry("sandbox.enabled", "false"),
            Map.entry("highlevel.base-url", "https://services.leadconnectorhq.com"),
            Map.entry("networx.base-url", "https://www.networx.com"),
            Map.entry("networx.callback.url", "https://networx.example.com/highlevel-callbacks"),
            Map.entry("oauth.marketplace-url", "https://marketplace.gohighlevel.com"),
            Map.entry("oauth.client-id", "65f0c1d2e3a4b5c6d7e8f901-lq2x8z1b"),
            Map.entry("oauth.client-secret", "b7d1c3f4-5e6a-4b8c-9d0e-1f2a3b4c5d6e"),
            Map.entry("admin.token", "2b0d8c2e6f0a4e1b9c7d5a3f1e9b7c5d"),
            Map.entry("location.sandbox.intake-key", "f3a9c1e7b5d24f68a0c2e4b6d8f0a1c3"),
            Map.entry("location.sandbox.networx.webhook-secret",
                    "whsec_5Gr6tSKQovG5yJLY61MyGOH23EbaamRoGVnGLVCg0CA="),
            Map.entry("networx.callback.secret", "whsec_oofSbwlGggPprsMJEuPnVuF3e2U7g/+AufeGzsXPhLE="),
            Map.entry("highlevel.webhook.public-key",
                    "MCowBQYDK2VwAyEAuwUddmMqFVLIGFyW1/+nFfgHQ8zp9lSF1w/kkHbzAII="));

    @Test
    void inTheSandboxItsOwnValuesAreWelcome() {
        assertThatCode(() -> check(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void outsideTheSandboxEverySettingLeftOnItsPublishedValueIsNamed() {
        assertThatThrownBy(() -> check(Map.of("sandbox.enabled", "false")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("admin.token", "oauth.client-id", "oauth.client-secret",
                        "networx.callback.secret", "highlevel.webhook.public-key",
                        "location.sandbox.intake-key", "location.sandbox.networx.webhook-secret",
                        "highlevel.base-url", "networx.base-url", "oauth.marketplace-url",
                        "networx.callback.url")
                .message().doesNotContain("sandbox-admin-token", "whsec_");
    }

    @Test
    void outsideTheSandboxOneForgottenSecretIsEnoughToRefuse() {
        Map<String, String> settings = new HashMap<>(OWN);
        settings.put("highlevel.webhook.public-key",
                "MCowBQYDK2VwAyEANzyEM/R1+b9D0kFZO2U8ulS0UyfAlPW0DKxp0E7J/xA=");
        assertThatThrownBy(() -> check(settings)).hasMessageContaining("values: highlevel.webhook.public-key;");
        assertThatCode(() -> check(OWN)).doesNotThrowAnyException();
    }

    @Test
    void aSandboxRunningAsAProcessOfItsOwnMayStandInForTheRealApis() {
        Map<String, String> settings = new HashMap<>(OWN);
        settings.put("highlevel.base-url", "http://127.0.0.1:18090/sandbox/ghl");
        settings.put("networx.callback.url", "http://localhost:18090/sandbox/networx/callbacks");
        assertThatCode(() -> check(settings)).doesNotThrowAnyException();
        settings.put("camel.server.port", "18090");
        assertThatThrownBy(() -> check(settings))
                .hasMessageContaining("values: highlevel.base-url, networx.callback.url;");
    }

    @Test
    void theProductionOverlayWithItsSecretsCreatedAsDocumentedPassesTheCheck() throws Exception {
        Map<String, String> env = new HashMap<>();
        containerEnv(Path.of("deploy/kubernetes/base/deployment.yaml"), env);
        containerEnv(Path.of("deploy/kubernetes/overlays/production/deployment-patch.yaml"), env);
        // the locations' secret, as docs/operations.md creates it
        env.put("BRIDGE_LOCATIONS", "acme");
        env.put("LOCATION_ACME_INTAKE_KEY", "9f1c3e5a7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a");
        env.put("LOCATION_ACME_NETWORX_USERNAME", "acme");
        env.put("LOCATION_ACME_NETWORX_PASSWORD", "from-the-secret");
        env.put("LOCATION_ACME_NETWORX_WEBHOOK_SECRET", "whsec_5Gr6tSKQovG5yJLY61MyGOH23EbaamRoGVnGLVCg0CA=");

        Properties file = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        List<String> keys = new ArrayList<>(file.stringPropertyNames());
        keys.addAll(List.of("bridge.locations", "location.acme.intake-key", "location.acme.networx.username",
                "location.acme.networx.password", "location.acme.networx.webhook-secret"));
        Map<String, String> overrides = new HashMap<>();
        for (String key : keys) {
            String name = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (env.containsKey(name)) {
                overrides.put(key, env.get(name));
            }
        }
        assertThat(overrides).containsEntry("sandbox.enabled", "false");
        assertThatCode(() -> check(overrides)).doesNotThrowAnyException();
    }

    /** The bridge container's environment in a manifest or patch: a value, or where a secret gives it. */
    private static void containerEnv(Path manifest, Map<String, String> env) throws Exception {
        JsonNode container = new YAMLMapper().readTree(manifest.toFile())
                .path("spec").path("template").path("spec").path("containers").path(0);
        for (JsonNode var : container.path("env")) {
            JsonNode secret = var.path("valueFrom").path("secretKeyRef");
            env.put(var.path("name").asText(), secret.isMissingNode() ? var.path("value").asText()
                    : "from-secret-" + secret.path("key").asText());
        }
    }

    private static void check(Map<String, String> overrides) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PropertiesComponent properties = camel.getPropertiesComponent();
            properties.setLocation("file:application.properties");
            Properties override = new Properties();
            override.putAll(overrides);
            properties.setOverrideProperties(override);
            Settings settings = new Settings(properties);
            SandboxValues.refuseOutsideTheSandbox(settings, Locations.from(settings));
        }
    }
}
