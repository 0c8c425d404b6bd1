package org.nxhl.bridge.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts a lead to a webhook as Networx does: the given bytes, JSON, once, ten seconds at most. */
final class LeadDelivery {

    /** The webhook's answer. */
    record Outcome(int status, byte[] body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    Outcome post(String webhookUrl, byte[] lead) throws IOException {
        // a connection of its own each time: a pooled one the webhook's server has just closed would fail
        // the delivery after the lead had been taken, as no sender of a single POST should
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(lead))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delivering the lead", e);
        }
    }
}
