package org.nxhl.bridge.support;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bridge as a process of its own, started as BridgeMain, on free ports. */
public final class BridgeProcess extends JavaProcess {

    private final int port;
    private final int managementPort;

    private BridgeProcess(int port, int managementPort, Map<String, String> settings) throws Exception {
        super("org.nxhl.bridge.BridgeMain", "bridge-" + port, settings);
        this.port = port;
        this.managementPort = managementPort;
        awaitOk(managementUrl("/observe/health/ready"), Duration.ofSeconds(60));
    }

    /**
     * Starts a bridge; {@code settings} override application.properties. Without a store.url it gets a
     * fresh embedded store of its own.
     */
    public static BridgeProcess start(Map<String, String> settings) throws Exception {
        int port = RunningBridge.freePort();
        int managementPort = RunningBridge.freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("camel.server.port", String.valueOf(port));
        all.put("camel.management.port", String.valueOf(managementPort));
        if (!settings.containsKey("store.url")) {
            all.put("store.url", "jdbc:h2:file:" + Files.createTempDirectory("bridge-process").resolve("bridge"));
        }
        all.putAll(settings);
        return new BridgeProcess(port, managementPort, all);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }
}
