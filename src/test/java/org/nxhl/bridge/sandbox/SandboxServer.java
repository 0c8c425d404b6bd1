package org.nxhl.bridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.camel.main.Main;

/** A Camel Main with only the sandbox routes, on a free loopback port, for tests. */
final class SandboxServer implements AutoCloseable {

    private final Main main;
    private final SandboxRoutes routes = new SandboxRoutes();
    private final int port;

    private SandboxServer(Map<String, String> properties) throws Exception {
        port = freePort();
        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("camel.main.routes-collector-enabled", "false");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("camel.management.enabled", "false");
        main.addInitialProperty("camel.main.jmx-enabled", "false");
        properties.forEach(main::addInitialProperty);
        main.configure().addRoutesBuilder(routes);
        main.start();
    }

    static SandboxServer start() throws Exception {
        return new SandboxServer(Map.of());
    }

    static SandboxServer start(Map<String, String> properties) throws Exception {
        return new SandboxServer(properties);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    HighLevelEmulator highLevel() {
        return routes.highLevel();
    }

    NetworxEmulator networx() {
        return routes.networx();
    }

    @Override
    public void close() {
        main.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
