package org.nxhl.bridge.support;

import java.time.Duration;
import java.util.Map;

/** The sandbox alone, as a process of its own, the way the real APIs are remote to the bridge. */
public final class SandboxProcess extends JavaProcess {

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

    /** Settings that point a bridge at this sandbox instead of its own. */
    public Map<String, String> bridgeSettings() {
        return Map.of("sandbox.enabled", "false",
                "highlevel.base-url", url("/sandbox/ghl"),
                "networx.base-url", url("/sandbox/networx"));
    }
}
