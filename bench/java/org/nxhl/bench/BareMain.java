package org.nxhl.bench;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The baseline: the lead webhook path on Camel platform-http, storing nothing and answering 202,
 * on the same HTTP stack as the bridge. Listens on {@code camel.server.port} (8081 unless set).
 */
public final class BareMain {

    private BareMain() {
    }

    public static void main(String... args) throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("camel.main.name", "bare");
        main.addInitialProperty("camel.main.routes-collector-enabled", "false");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", System.getProperty("camel.server.port", "8081"));
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                // the same path and method as the bridge's intake, nothing stored
                from("platform-http:/webhooks/networx/leads/{key}?httpMethodRestrict=POST")
                        .routeId("bare-intake")
                        .removeHeaders("*")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setBody(constant("{\"status\":\"accepted\"}"));
            }
        });
        main.run(args);
    }
}
