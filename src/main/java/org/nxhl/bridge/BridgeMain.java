package org.nxhl.bridge;

import org.apache.camel.main.Main;

/** Starts the bridge: Camel Main reads application.properties, routes/ and kamelets/. */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String... args) throws Exception {
        Main main = new Main(BridgeMain.class);
        main.run(args);
    }
}
