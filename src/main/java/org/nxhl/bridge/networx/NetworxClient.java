package org.nxhl.bridge.networx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nxhl.bridge.location.Location.NetworxAccount;

/** Networx's public API: check credentials, subscribe and unsubscribe the one lead webhook of a user. */
public class NetworxClient {

    private final String baseUrl;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public NetworxClient(String baseUrl, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.json = json;
    }

    /** The client name Networx holds for these credentials; fails when they are refused. */
    public String validate(NetworxAccount account) throws IOException, InterruptedException {
        return call(account, "GET", "/public/validate", null).path("client_name").asText();
    }

    public String subscribe(NetworxAccount account, String webhookUrl) throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("webhook_url", webhookUrl));
        String id = call(account, "POST", "/public/subscription", body).path("subscription_id").asText();
        if (id.isEmpty()) {
            throw new IOException("Networx answered the subscription without a subscription_id");
        }
        return id;
    }

    public void unsubscribe(NetworxAccount account, String subscriptionId) throws IOException, InterruptedException {
        call(account, "DELETE", "/public/subscription/" + subscriptionId, null);
    }

    private JsonNode call(NetworxAccount account, String method, String path, String body)
            throws IOException, InterruptedException {
        String credentials = account.username() + ":" + account.password();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            throw new IOException("Networx refused the credentials of user " + account.username());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Networx answered " + response.statusCode() + " to " + method + " " + path);
        }
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }
}
