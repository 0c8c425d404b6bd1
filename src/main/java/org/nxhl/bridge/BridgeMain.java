package org.nxhl.bridge;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.nxhl.bridge.events.EventsConfiguration;
import org.nxhl.bridge.metrics.MetricsConfiguration;
import org.nxhl.bridge.networx.NetworxSubscriber;
import org.nxhl.bridge.oauth.OAuthConfiguration;
import org.nxhl.bridge.store.Database;

/**
 * Starts the bridge: Camel Main reads application.properties, routes/ and kamelets/ from the working
 * directory. With {@code networx-unsubscribe} as the only argument it instead removes the Networx
 * webhook subscriptions the bridge holds, and exits.
 */
public final class BridgeMain {

    static final String PROPERTIES = "file:application.properties;optional=true";

    private BridgeMain() {
    }

    public static void main(String... args) throws Exception {
        // the HTTP client must not resend a request on its own; the inbox decides about retries
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
        if (args.length == 1 && "networx-unsubscribe".equals(args[0])) {
            System.exit(unsubscribe() == 0 ? 0 : 1);
        }
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(PROPERTIES);
        configure(main);
        main.run(args);
    }

    /** Adds the bridge's configuration classes, in the order they build on each other. */
    public static void configure(Main main) {
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.configure().addConfiguration(OAuthConfiguration.class);
        main.configure().addConfiguration(EventsConfiguration.class);
        main.configure().addConfiguration(HighLevelSyncConfiguration.class);
        main.configure().addConfiguration(MetricsConfiguration.class);
    }

    /** Answers how many subscriptions could not be removed. */
    private static int unsubscribe() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation(PROPERTIES);
            new BridgeConfiguration().configure(camel);
            int failed = camel.getRegistry().lookupByNameAndType("networxSubscriber", NetworxSubscriber.class)
                    .unsubscribeAll();
            camel.getRegistry().lookupByNameAndType("database", Database.class).close();
            return failed;
        }
    }
}
