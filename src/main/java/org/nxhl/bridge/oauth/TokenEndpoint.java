package org.nxhl.bridge.oauth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.inbox.RetryLaterException;

/** HighLevel's OAuth token endpoints: {@code POST /oauth/token} and {@code POST /oauth/locationToken}. */
public class TokenEndpoint {

    private final OAuthSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    public TokenEndpoint(OAuthSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Trades the code the install returned with for the first tokens. */
    public TokenGrant exchangeCode(String code) {
        Map<String, String> form = client("authorization_code");
        form.put("code", code);
        form.put("user_type", settings.userType());
        form.put("redirect_uri", settings.redirectUri());
        return send("/oauth/token", form, null, "the code exchange");
    }

    /** Trades a refresh token, which is then used up, for new tokens. */
    public TokenGrant refresh(String refreshToken, String userType) {
        Map<String, String> form = client("refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("user_type", userType);
        return send("/oauth/token", form, null, "the token refresh");
    }

    /** A Location token for one of an agency's locations, from the agency's (Company) token. */
    public TokenGrant locationToken(String companyToken, String companyId, String locationId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("companyId", companyId);
        form.put("locationId", locationId);
        return send("/oauth/locationToken", form, companyToken, "the location token request");
    }

    private Map<String, String> client(String grantType) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("grant_type", grantType);
        return form;
    }

    private TokenGrant send(String path, Map<String, String> form, String bearer, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.tokenBaseUrl() + path))
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer).header("Version", HighLevelClient.API_VERSION);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new RetryLaterException(what + " could not reach HighLevel: " + e.getClass().getSimpleName(),
                    (Throwable) null);
        } catch (IOException e) {
            throw new TokenAnswerLostException(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenAnswerLostException(what, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new TokenRefusedException(response.statusCode(), body.path("error").asText("no_error_code"),
                    body.path("error_description").asText(body.path("message").asText("")));
        }
        return grant(body);
    }

    private TokenGrant grant(JsonNode body) {
        String granted = body.path("scope").asText("").trim();
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(granted.split("\\s+")));
        scopes.remove("");
        List<String> approved = new ArrayList<>();
        body.path("approvedLocations").forEach(l -> approved.add(l.asText()));
        return new TokenGrant(body.get("access_token").asText(), text(body, "refresh_token"),
                Instant.now().plusSeconds(body.path("expires_in").asLong(86_399)), scopes,
                body.path("userType").asText("Location"), text(body, "locationId"), text(body, "companyId"),
                approved);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
