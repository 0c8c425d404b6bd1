package org.nxhl.bridge.support;

import java.time.Duration;
import java.util.Map;

/** The sandbox alone, as a process of its own, the way the real APIs are remote to the bridge. */
public final class SandboxProcess extends JavaProcess {

    /** A key for tests only: the base64 of 32 bytes. */
    public static final String TEST_KEY = "dGVzdHMgb25seTogbmV2ZXIgZm9yIHJlYWwgZGF0YSE=";

    private final int port;

    private SandboxProcess(int port, Map<String, String> settings) throws Exception {
        super("org.nxhl.bridge.sandbox.SandboxMain", "sandbox-" + port, settings);
        this.port = port;
        awaitOk(url("/sandbox/control/rate-limit"), Duration.ofSeconds(60));
    }

    public static SandboxProcess start() throws Exception {
        int port = RunningBridge.freePort();
        return new SandboxProcess(port, Map.of("camel.server.port", String.valueOf(port),
                "sandbox.oauth.client-id", CLIENT_ID, "sandbox.oauth.client-secret", CLIENT_SECRET));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The lead intake key of location {@code sandbox} on a bridge started with {@link #bridgeSettings()}. */
    public static final String INTAKE_KEY = "tests-only-intake-key-3b9e51c07d";

    /** The OAuth client the sandbox process knows the tests' bridges by, in place of its default one. */
    private static final String CLIENT_ID = "tests-only-client";
    private static final String CLIENT_SECRET = "tests-only-client-secret";

    /**
     * Settings that point a bridge at this sandbox instead of its own, with keys, secrets and an admin token
     * of the tests' own: outside its sandbox the bridge refuses the sandbox's published ones. This sandbox
     * sends no HighLevel webhooks, so the public key only has to be a valid one that is not the sandbox's.
     */
    public Map<String, String> bridgeSettings() {
        return Map.ofEntries(Map.entry("sandbox.enabled", "false"),
                Map.entry("highlevel.base-url", url("/sandbox/ghl")),
                Map.entry("networx.base-url", url("/sandbox/networx")),
                Map.entry("networx.callback.url", url("/sandbox/networx/callbacks")),
                Map.entry("oauth.marketplace-url", url("/sandbox/marketplace")),
                Map.entry("oauth.client-id", CLIENT_ID),
                Map.entry("oauth.client-secret", CLIENT_SECRET),
                Map.entry("oauth.encryption-key", TEST_KEY),
                Map.entry("location.sandbox.intake-key", INTAKE_KEY),
                Map.entry("location.sandbox.networx.webhook-secret",
                        "whsec_5Gr6tSKQovG5yJLY61MyGOH23EbaamRoGVnGLVCg0CA="),
                Map.entry("networx.callback.secret", "whsec_oofSbwlGggPprsMJEuPnVuF3e2U7g/+AufeGzsXPhLE="),
                Map.entry("highlevel.webhook.public-key",
                        "MCowBQYDK2VwAyEAuwUddmMqFVLIGFyW1/+nFfgHQ8zp9lSF1w/kkHbzAII="),
                Map.entry("admin.token", "tests-only-admin-token"));
    }

    /** Lifts the sandbox's rate limit far above any test's load. */
    public void unlimitedRate() throws Exception {
        Http.send("PUT", url("/sandbox/control/rate-limit"),
                "{\"max\":100000,\"intervalMs\":10000,\"daily\":10000000}", "Content-Type", "application/json");
    }

    /**
     * Settings for a bridge that takes leads straight on its webhook and sends them to this sandbox
     * with no rate limit to wait on, on an H2 store at {@code store} that outlives the process.
     */
    public Map<String, String> leadBridgeSettings(java.nio.file.Path store) {
        Map<String, String> settings = new java.util.HashMap<>(bridgeSettings());
        settings.put("store.url", "jdbc:h2:file:" + store);
        settings.put("highlevel.rate-limit.max", "100000");
        settings.put("networx.subscribe-on-start", "false");
        return settings;
    }
}
