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
        return new SandboxProcess(port, Map.of("camel.server.port", String.valueOf(port)));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The lead intake key of location {@code sandbox} on a bridge started with {@link #bridgeSettings()}. */
    public static final String INTAKE_KEY = "tests-only-intake-key-3b9e51c07d";

    /**
     * Settings that point a bridge at this sandbox instead of its own, with an encryption key, an intake key
     * and an admin token of the tests' own (outside its sandbox the bridge refuses the sandbox's).
     */
    public Map<String, String> bridgeSettings() {
        return Map.of("sandbox.enabled", "false",
                "highlevel.base-url", url("/sandbox/ghl"),
                "networx.base-url", url("/sandbox/networx"),
                "oauth.marketplace-url", url("/sandbox/marketplace"),
                "oauth.encryption-key", TEST_KEY,
                "location.sandbox.intake-key", INTAKE_KEY,
                "admin.token", "tests-only-admin-token");
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
