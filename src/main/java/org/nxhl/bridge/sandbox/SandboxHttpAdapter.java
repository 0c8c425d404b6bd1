package org.nxhl.bridge.sandbox;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Hands a platform-http request to an emulator and turns its answer back into the reply. Runs in
 * two steps around a delay: {@link #process} calls the emulator and leaves the delay in
 * {@link #DELAY_PROPERTY}; {@link #reply} then writes the answer or drops the connection.
 */
final class SandboxHttpAdapter implements Processor {

    /** An emulator's entry point. */
    @FunctionalInterface
    interface Handler {
        SandboxResponse handle(String method, String path, Map<String, String> query,
                               Map<String, String> headers, byte[] body);
    }

    static final String DELAY_PROPERTY = "sandboxDelayMs";
    private static final String RESPONSE_PROPERTY = "sandboxResponse";

    private final String prefix;
    private final Handler handler;

    SandboxHttpAdapter(String prefix, Handler handler) {
        this.prefix = prefix;
        this.handler = handler;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        HttpServerRequest request = ((HttpMessage) in).getRequest();
        String full = request.path();
        String path = full.startsWith(prefix) ? full.substring(prefix.length()) : full;
        byte[] body = in.getBody(byte[].class);
        if ((body == null || body.length == 0) && !request.formAttributes().isEmpty()) {
            body = formBody(request.formAttributes());
        }
        SandboxResponse response;
        try {
            response = handler.handle(request.method().name(), path.isEmpty() ? "/" : path,
                    firstValues(request.params()), firstValues(request.headers()),
                    body == null ? new byte[0] : body);
        } catch (RuntimeException e) {
            // an input the emulator did not foresee is the caller's mistake, never a 5xx
            response = SandboxResponse.json(400, Map.of("statusCode", 400,
                    "message", "the request could not be read: " + e.getClass().getSimpleName()));
        }
        exchange.setProperty(RESPONSE_PROPERTY, response);
        exchange.setProperty(DELAY_PROPERTY, response.delayMs());
    }

    /** Replaces every incoming header, which platform-http would otherwise echo back, by the answer's. */
    static void reply(Exchange exchange) {
        SandboxResponse response = exchange.getProperty(RESPONSE_PROPERTY, SandboxResponse.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        if (response.delivery() == SandboxResponse.Delivery.DROP) {
            drop(((HttpMessage) exchange.getIn()).getRequest());
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        response.headers().forEach(message::setHeader);
        message.setBody(response.body().length == 0 ? null : response.body());
    }

    /** Waits until the socket is closed, so the reply Camel writes afterwards cannot slip out first. */
    private static void drop(HttpServerRequest request) {
        try {
            request.connection().close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not drop the connection", e);
        }
    }

    /** platform-http takes a form post apart into attributes; the emulators read it as it was sent. */
    private static byte[] formBody(MultiMap attributes) {
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> entry : attributes) {
            form.append(form.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> firstValues(MultiMap values) {
        Map<String, String> first = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values) {
            first.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return first;
    }
}
