package org.nxhl.bridge.highlevel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.PermanentFailureException;
import org.nxhl.bridge.inbox.RetryLaterException;
import org.nxhl.bridge.metrics.BridgeMetrics;
import org.nxhl.bridge.metrics.EndpointTemplate;
import org.nxhl.bridge.ratelimit.LocationRateLimiter;

/**
 * Makes one HighLevel API call for a flow step: the location's bearer token, the Version header, the
 * location's rate limit, and HighLevel's answer turned into an outcome the inbox understands.
 */
public class HighLevelClient {

    public static final String API_VERSION = "2021-07-28";
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final String baseUrl;
    private final TokenProvider tokens;
    private final LocationRateLimiter limiter;
    private final InboxStore inbox;
    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;
    private BridgeMetrics metrics = BridgeMetrics.detached();

    public HighLevelClient(String baseUrl, TokenProvider tokens, LocationRateLimiter limiter, InboxStore inbox,
                           ObjectMapper json, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
        this.limiter = limiter;
        this.inbox = inbox;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Counts every call by method, endpoint template and status. */
    public void useMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** Sends the call the exchange's headers describe; the parsed answer becomes the body. */
    public void send(Exchange exchange) throws InterruptedException {
        Message in = exchange.getMessage();
        String method = in.getHeader(HighLevelHeaders.METHOD, String.class);
        String path = in.getHeader(HighLevelHeaders.PATH, String.class);
        String query = in.getHeader(HighLevelHeaders.QUERY, String.class);
        String once = in.getHeader(HighLevelHeaders.ONCE, String.class);
        String marker = in.getHeader(HighLevelHeaders.ONCE_MARKER, String.class);
        Integer attempt = in.getHeader(InboxHeaders.ATTEMPT, Integer.class);
        boolean markerFirst = Boolean.TRUE.equals(in.getHeader(HighLevelHeaders.MARKER_FIRST, Boolean.class));
        String locationId = in.getHeader(InboxHeaders.LOCATION_ID, String.class);
        Long eventId = in.getHeader(InboxHeaders.EVENT_ID, Long.class);
        in.removeHeaders("HighLevel*");
        if (method == null || path == null || locationId == null) {
            throw new IllegalStateException("a HighLevel call needs a method, a path and a location");
        }
        Scopes.check(locationId, method, path, tokens.scopesFor(locationId));
        String step = once != null && eventId != null ? once : null;
        Optional<String> earlier = step == null ? Optional.empty() : inbox.step(eventId, step);
        if (earlier.isPresent()) {
            in.setBody(parse(earlier.get()));
            in.setHeader(HighLevelHeaders.STATUS, 200);
            return;
        }
        if (step != null && marker != null && (markerFirst || attempt != null && attempt > 1)) {
            Optional<Object> made = findMarked(locationId, path, marker);
            if (made.isPresent()) {
                inbox.recordStep(eventId, step, toJson(made.get()));
                in.setBody(made.get());
                in.setHeader(HighLevelHeaders.STATUS, 200);
                return;
            }
        }
        String body = in.getBody() == null || "GET".equals(method) ? null : toJson(in.getBody());
        Answer answer = call(locationId, method, path + (query == null ? "" : "?" + query), body);
        if (step != null) {
            inbox.recordStep(eventId, step, answer.body());
        }
        in.setBody(parse(answer.body()));
        in.setHeader(HighLevelHeaders.STATUS, answer.status());
    }

    /**
     * Lists the collection at {@code path} and answers the item that carries the marker, if one does, in
     * the shape the create would have answered: a listing {@code {tasks: [...]}} gives {@code {task: item}}.
     */
    private Optional<Object> findMarked(String locationId, String path, String marker) throws InterruptedException {
        JsonNode listing;
        try {
            listing = json.readTree(call(locationId, "GET", path, null).body());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = listing.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray()) {
                continue;
            }
            String name = field.getKey();
            String single = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
            for (JsonNode item : field.getValue()) {
                for (JsonNode value : item) {
                    if (value.isTextual() && value.asText().contains(marker)) {
                        return Optional.of(Map.of(single, json.convertValue(item, Object.class)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Answer call(String locationId, String method, String pathAndQuery, String body)
            throws InterruptedException {
        String token = tokens.bearerFor(locationId);
        Answer answer = exchange(locationId, method, pathAndQuery, body, token);
        if (answer.status() == 401 && tokens.rejected(locationId, token)) {
            answer = exchange(locationId, method, pathAndQuery, body, tokens.bearerFor(locationId));
        }
        return judge(locationId, method, pathAndQuery, answer);
    }

    private Answer exchange(String locationId, String method, String pathAndQuery, String body, String token)
            throws InterruptedException {
        limiter.acquire(locationId);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Version", API_VERSION)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String endpoint = EndpointTemplate.of(pathAndQuery);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            metrics.highLevelCall(method, endpoint, String.valueOf(response.statusCode()), since(started));
            response.headers().firstValueAsLong("X-RateLimit-Remaining")
                    .ifPresent(remaining -> limiter.observeRemaining(locationId, remaining));
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            metrics.highLevelCall(method, endpoint, "io_error", since(started));
            throw new RetryLaterException("HighLevel " + method + " " + pathOnly(pathAndQuery)
                    + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Answer judge(String locationId, String method, String pathAndQuery, Answer answer) {
        int status = answer.status();
        String call = method + " " + pathOnly(pathAndQuery);
        if (status >= 200 && status < 300) {
            return answer;
        }
        if (status == 429) {
            Duration window = answer.header("X-RateLimit-Interval-Milliseconds").map(Long::parseLong)
                    .map(Duration::ofMillis).orElse(DEFAULT_WINDOW);
            limiter.backOff(locationId, window);
            throw new RetryLaterException("HighLevel rate limit reached on " + call, Instant.now().plus(window));
        }
        if (status >= 500) {
            throw new RetryLaterException("HighLevel answered " + status + " to " + call, (Throwable) null);
        }
        throw new PermanentFailureException("HighLevel answered " + status + " to " + call + ": "
                + messageOf(answer.body()));
    }

    /** HighLevel's own words: {@code message} is a string, or an array of them on 422. */
    private String messageOf(String body) {
        try {
            JsonNode message = json.readTree(body).path("message");
            if (message.isArray()) {
                StringBuilder all = new StringBuilder();
                message.forEach(m -> all.append(all.length() == 0 ? "" : "; ").append(m.asText()));
                return all.toString();
            }
            return message.isMissingNode() ? "(no message)" : message.asText();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "(no JSON answer)";
        }
    }

    private String toJson(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the HighLevel request body is not JSON", e);
        }
    }

    private Object parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private record Answer(int status, String body, Map<String, List<String>> headers) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))).map(e -> e.getValue().get(0)).findFirst();
        }
    }
}
