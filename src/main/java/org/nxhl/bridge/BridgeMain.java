package org.nxhl.bridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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
        if (args.length == 1 && "networx-unsubscribe".equals(args[0])) {
            System.exit(unsubscribe() == 0 ? 0 : 1);
        }
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(PROPERTIES);
        configure(main);
        camelKeysFromTheEnvironment(System.getenv()).forEach(main::addOverrideProperty);
        main.run(args);
    }

    /**
     * The bridge reads its own keys through placeholders, which the environment overrides; Camel's own
     * servers take theirs ({@code camel.server.port}, say) before that, so for every {@code camel.*} key
     * in application.properties a variable of its name (upper case, dots and dashes as underscores) is
     * handed to Camel as an override.
     */
    static Map<String, String> camelKeysFromTheEnvironment(Map<String, String> environment) throws IOException {
        Path file = Path.of("application.properties");
        Map<String, String> overrides = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return overrides;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (key.startsWith("camel.") && environment.containsKey(variable)) {
                overrides.put(key, environment.get(variable));
            }
        }
        return overrides;
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
            NetworxSubscriber subscriber = camel.getRegistry().lookupByNameAndType("networxSubscriber",
                    NetworxSubscriber.class);
            int failed = 0;
            if (new Settings(camel.getPropertiesComponent()).flag("sandbox.enabled", true)) {
                // the sandbox's Networx lives in the bridge's process: its subscriptions ended with it
                int forgotten = subscriber.forgetAll();
                org.slf4j.LoggerFactory.getLogger(BridgeMain.class).info("the sandbox's Networx ended with"
                        + " the bridge process; {} subscriptions it held are forgotten", forgotten);
            } else {
                failed = subscriber.unsubscribeAll();
            }
            camel.getRegistry().lookupByNameAndType("database", Database.class).close();
            return failed;
        }
    }
}
