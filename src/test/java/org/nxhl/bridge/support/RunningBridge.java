package org.nxhl.bridge.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.nxhl.bridge.BridgeMain;
import org.nxhl.bridge.sandbox.HighLevelEmulator;

/**
 * The real bridge, started in this JVM the way BridgeMain starts it, on free ports and a fresh
 * embedded store, so each test class talks to it over HTTP on loopback.
 */
public final class RunningBridge implements AutoCloseable {

    private final Main main;
    private final Thread thread;
    private final int port;
    private final int managementPort;
    private final Path dataDir;
    private final HighLevelExchanges exchanges = new HighLevelExchanges();
    private final CountDownLatch fullyStarted = new CountDownLatch(1);

    private RunningBridge(Map<String, String> overrides) throws Exception {
        this.port = freePort();
        this.managementPort = freePort();
        this.dataDir = Files.createTempDirectory("bridge-test");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.management.port", String.valueOf(managementPort));
        if ("postgres".equals(System.getProperty("test.store"))) {
            props.putAll(Postgres.storeSettings());
        } else {
            props.put("store.url", "jdbc:h2:file:" + dataDir.resolve("bridge"));
        }
        props.putAll(overrides);
        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:application.properties");
        BridgeMain.configure(main);
        props.forEach(main::addOverrideProperty);
        // the bridge subscribes and starts its dispatcher only once fully started, after it reports ready
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addStartupListener(new StartupListener() {
                        @Override
                        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                            // not yet
                        }

                        @Override
                        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                            fullyStarted.countDown();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        CountDownLatch failed = new CountDownLatch(1);
        thread = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                e.printStackTrace();
                failed.countDown();
            }
        }, "bridge-under-test");
        thread.setDaemon(true);
        thread.start();
        awaitReady(failed);
        HighLevelEmulator sandbox = bean("sandboxHighLevel", HighLevelEmulator.class);
        if (sandbox != null) {
            sandbox.observe(exchanges);
        }
    }

    public static RunningBridge start() throws Exception {
        return new RunningBridge(Map.of());
    }

    public static RunningBridge start(Map<String, String> overrides) throws Exception {
        return new RunningBridge(overrides);
    }

    private void awaitReady(CountDownLatch failed) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpClient http = HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            if (failed.await(100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the bridge did not start");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && main.getCamelContext() != null
                        && main.getCamelContext().isStarted() && fullyStarted.getCount() == 0) {
                    return;
                }
            } catch (IOException notYet) {
                // the management server is not listening yet
            }
        }
        throw new IllegalStateException("the bridge was not ready within 60 s");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public int port() {
        return port;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return camel().getRegistry().lookupByNameAndType(name, type);
    }

    /** What the bridge and the sandbox HighLevel API exchanged so far. */
    public HighLevelExchanges highLevelExchanges() {
        return exchanges;
    }

    /** Stops the bridge, then fails when any HighLevel exchange it had broke the official spec. */
    @Override
    public void close() throws Exception {
        main.completed();
        thread.join(30_000);
        exchanges.checkAgainstSpec();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
