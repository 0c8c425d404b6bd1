package org.nxhl.bridge.sandbox;

import org.apache.camel.main.Main;

/**
 * Runs only the sandbox, as a process of its own like the remote APIs it stands for. Listens on
 * {@code camel.server.port} (8090 unless set as a system property or environment variable) and
 * reads no application.properties, so the bridge's routes stay out.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String... args) throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("camel.main.name", "sandbox");
        main.addInitialProperty("camel.main.routes-collector-enabled", "false");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", System.getProperty("camel.server.port",
                System.getenv().getOrDefault("CAMEL_SERVER_PORT", "8090")));
        main.configure().addRoutesBuilder(new SandboxRoutes());
        main.run(args);
    }
}
