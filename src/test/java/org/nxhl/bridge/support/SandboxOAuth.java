package org.nxhl.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox's OAuth side for tests: installs the app on a location the way an admin's browser does
 * (without a browser), and reads and sets the token endpoint's counters and settings.
 */
public final class SandboxOAuth {

    private final String sandboxUrl;

    /** {@code sandboxUrl} is the root the sandbox is served at, e.g. {@code http://127.0.0.1:8080}. */
    public SandboxOAuth(String sandboxUrl) {
        this.sandboxUrl = sandboxUrl;
    }

    /** Starts at the bridge's /oauth/install, approves {@code locationId}, and answers the callback page. */
    public static Http.Answer install(String bridgeUrl, String locationId) throws Exception {
        Http.Answer start = Http.get(bridgeUrl + "/oauth/install");
        assertThat(start.status()).isEqualTo(302);
        String choose = header(start, "Location");
        Http.Answer page = Http.get(choose);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + locationId + "\"");
        Map<String, String> form = query(choose.substring(choose.indexOf('?') + 1));
        form.remove("response_type");
        form.put("locationId", locationId);
        String approveUrl = choose.substring(0, choose.indexOf('?')).replace("/chooselocation", "/approve");
        Http.Answer approved = Http.send("POST", approveUrl, encode(form),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        return Http.get(header(approved, "Location"));
    }

    public JsonNode state() throws Exception {
        return Http.get(sandboxUrl + "/sandbox/control/oauth").json();
    }

    public long refreshes(String subject) throws Exception {
        return state().path("refreshes").path(subject).asLong(0);
    }

    public long calls(String what) throws Exception {
        return state().path("calls").path(what).asLong(0);
    }

    public void accessTokenLifetime(long seconds) throws Exception {
        configure("{\"accessTokenLifetimeSeconds\":" + seconds + "}");
    }

    /** The next token call is carried out, and then its connection closed without an answer. */
    public void dropNextTokenAnswer() throws Exception {
        configure("{\"dropNextTokenAnswer\":true}");
    }

    /** The next token call is carried out at once, and answered only after {@code millis}. */
    public void delayNextTokenAnswer(long millis) throws Exception {
        configure("{\"delayNextTokenAnswerMs\":" + millis + "}");
    }

    /** HighLevel stops accepting the location's current access tokens, ahead of their expiry. */
    public void expireTokens(String locationId) throws Exception {
        String url = sandboxUrl + "/sandbox/control/oauth/expire?locationId=" + locationId;
        assertThat(Http.post(url, "").status()).isEqualTo(200);
    }

    /** No rate limit to speak of, so that a test measures tokens, not the budget. */
    public void unlimitedRate() throws Exception {
        Http.send("PUT", sandboxUrl + "/sandbox/control/rate-limit",
                "{\"max\":100000,\"intervalMs\":10000,\"daily\":10000000}", "Content-Type", "application/json");
    }

    /** How many Contacts API calls the sandbox took for a location. */
    public long apiCalls(String locationId) throws Exception {
        return Http.get(sandboxUrl + "/sandbox/control/calls?timestamps=false").json().path("locations")
                .path(locationId).asLong(0);
    }

    public List<JsonNode> contacts(String locationId) throws Exception {
        List<JsonNode> contacts = new java.util.ArrayList<>();
        Http.get(sandboxUrl + "/sandbox/control/contacts?locationId=" + locationId).json().path("contacts")
                .forEach(contacts::add);
        return contacts;
    }

    private void configure(String json) throws Exception {
        Http.Answer answer = Http.send("PUT", sandboxUrl + "/sandbox/control/oauth", json,
                "Content-Type", "application/json");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    static String header(Http.Answer answer, String name) {
        return answer.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header in " + answer.status()));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
