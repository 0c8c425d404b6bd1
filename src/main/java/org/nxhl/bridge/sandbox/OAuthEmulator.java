package org.nxhl.bridge.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * HighLevel's OAuth side: the token endpoints under the API root ({@code POST /oauth/token} with the
 * authorization_code and refresh_token grants, {@code POST /oauth/locationToken}) and the codes the
 * choose-location page ({@link Marketplace}) hands out. Refresh tokens are single use: each refresh
 * returns a new one and a used one answers {@code invalid_grant}. Location access tokens are registered
 * with the {@link HighLevelEmulator}, so the Contacts API accepts them until they expire.
 *
 * <p>For tests, through the control API: the access-token lifetime, counts of token calls and of
 * refreshes per location, expiring a location's tokens early, and dropping or delaying the next token
 * answer after the call was carried out, as when the answer is lost or the caller dies before it comes.
 */
public final class OAuthEmulator {

    public static final String DEFAULT_CLIENT_ID = "sandbox-client";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
    public static final String DEFAULT_COMPANY = "sandbox-company";
    public static final String DEFAULT_LOCATIONS =
            "sandbox:Sandbox Carpentry;north:North Roofing;south:South Decks";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private record Code(String clientId, String redirectUri, String userType, String subject,
                        Set<String> scopes, Instant expiresAt) {
    }

    private record Refresh(String userType, String subject, Set<String> scopes) {
    }

    private record CompanyAccess(String companyId, Set<String> scopes, Instant expiresAt) {
    }

    private final HighLevelEmulator highLevel;
    private final Clock clock;
    private final String clientId;
    private final String clientSecret;
    private final String companyId;
    private final Map<String, String> locations;
    private final Duration initialLifetime;
    private final AtomicLong lifetimeSeconds = new AtomicLong();
    private final AtomicBoolean dropNext = new AtomicBoolean();
    private final AtomicLong delayNextMs = new AtomicLong();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, CompanyAccess> companyTokens = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> issued = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refreshes = new ConcurrentHashMap<>();

    public OAuthEmulator(HighLevelEmulator highLevel, String clientId, String clientSecret, String companyId,
                         Map<String, String> locations, Duration accessTokenLifetime, Clock clock) {
        this.highLevel = highLevel;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.companyId = companyId;
        this.locations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        this.initialLifetime = accessTokenLifetime;
        this.clock = clock;
        lifetimeSeconds.set(accessTokenLifetime.toSeconds());
    }

    /** Parses {@code id:Name;id:Name}. */
    public static Map<String, String> parseLocations(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            String[] parts = entry.trim().split(":", 2);
            if (!parts[0].isBlank()) {
                parsed.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : parts[0].trim());
            }
        }
        return parsed;
    }

    /** Answers the token endpoints; null for any other path, which is the Contacts API's. */
    public SandboxResponse handle(String method, String path, Map<String, String> query,
                                  Map<String, String> headers, byte[] body) {
        String route = method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("/+$", "");
        SandboxResponse answer = switch (route) {
            case "POST /oauth/token" -> token(form(body));
            case "POST /oauth/locationToken" -> locationToken(headers, form(body));
            default -> null;
        };
        if (answer != null && dropNext.compareAndSet(true, false)) {
            count("dropped");
            return answer.withDelivery(SandboxResponse.Delivery.DROP, 0);
        }
        long delay = answer == null ? 0 : delayNextMs.getAndSet(0);
        // the grant is already carried out (a refresh token used up) while its answer waits
        return delay > 0 ? answer.withDelivery(SandboxResponse.Delivery.ANSWER, delay) : answer;
    }

    Map<String, String> locations() {
        return locations;
    }

    String companyId() {
        return companyId;
    }

    boolean knowsClient(String id) {
        return clientId.equals(id);
    }

    /** A code for the subject the admin approved: a location, or the agency when {@code company}. */
    String issueCode(String client, String redirectUri, boolean company, String locationId,
                     Set<String> scopes) {
        String code = "code-" + Ids.random();
        codes.put(code, new Code(client, redirectUri, company ? "Company" : "Location",
                company ? companyId : locationId, scopes, clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    private SandboxResponse token(Map<String, String> form) {
        String grantType = form.getOrDefault("grant_type", "");
        count("token " + grantType);
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "Invalid client credentials");
        }
        return switch (grantType) {
            case "authorization_code" -> fromCode(form);
            case "refresh_token" -> fromRefreshToken(form.get("refresh_token"));
            default -> error(400, "unsupported_grant_type",
                    "grant_type must be authorization_code or refresh_token");
        };
    }

    private SandboxResponse fromCode(Map<String, String> form) {
        Code code = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (code == null || code.expiresAt().isBefore(clock.instant())
                || !code.clientId().equals(form.get("client_id"))
                || (form.containsKey("redirect_uri") && !code.redirectUri().equals(form.get("redirect_uri")))) {
            count("invalid_grant");
            return error(400, "invalid_grant", "Invalid grant: authorization code is invalid");
        }
        return grant(code.userType(), code.subject(), code.scopes());
    }

    private SandboxResponse fromRefreshToken(String refreshToken) {
        Refresh refresh = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (refresh == null) {
            count("invalid_grant");
            return error(400, "invalid_grant", "Invalid grant: refresh token is invalid");
        }
        refreshes.computeIfAbsent(refresh.subject(), k -> new LongAdder()).increment();
        return grant(refresh.userType(), refresh.subject(), refresh.scopes());
    }

    private SandboxResponse grant(String userType, String subject, Set<String> scopes) {
        boolean company = "Company".equals(userType);
        String access = "at-" + Ids.random() + Ids.random();
        String refresh = "rt-" + Ids.random() + Ids.random();
        Instant expiresAt = clock.instant().plusSeconds(lifetimeSeconds.get());
        if (company) {
            companyTokens.put(access, new CompanyAccess(subject, scopes, expiresAt));
        } else {
            registerLocationToken(access, subject, scopes, expiresAt);
        }
        refreshTokens.put(refresh, new Refresh(userType, subject, scopes));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetimeSeconds.get());
        body.put("refresh_token", refresh);
        body.put("scope", String.join(" ", scopes));
        body.put("userType", userType);
        if (company) {
            body.put("approvedLocations", new ArrayList<>(locations.keySet()));
        } else {
            body.put("locationId", subject);
        }
        body.put("companyId", companyId);
        body.put("userId", Ids.stable("user"));
        body.put("isBulkInstallation", false);
        return SandboxResponse.json(200, body);
    }

    private SandboxResponse locationToken(Map<String, String> headers, Map<String, String> form) {
        count("locationToken");
        Map<String, String> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        header.putAll(headers == null ? Map.of() : headers);
        String authorization = header.getOrDefault("Authorization", "");
        CompanyAccess company = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? companyTokens.get(authorization.substring(7).trim()) : null;
        if (!HighLevelEmulator.API_VERSION.equals(header.get("Version"))) {
            return ApiError.unauthorized("Version header is missing or not supported").toResponse();
        }
        if (company == null || company.expiresAt().isBefore(clock.instant())) {
            return ApiError.unauthorized("Invalid JWT").toResponse();
        }
        String location = form.get("locationId");
        if (!company.companyId().equals(form.get("companyId")) || location == null
                || !locations.containsKey(location)) {
            return ApiError.badRequest("The app is not installed on this location for this company")
                    .toResponse();
        }
        String access = "at-" + Ids.random() + Ids.random();
        Instant expiresAt = clock.instant().plusSeconds(lifetimeSeconds.get());
        registerLocationToken(access, location, company.scopes(), expiresAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetimeSeconds.get());
        body.put("scope", String.join(" ", company.scopes()));
        body.put("locationId", location);
        body.put("userId", Ids.stable("user"));
        return SandboxResponse.json(200, body);
    }

    private void registerLocationToken(String token, String locationId, Set<String> scopes, Instant expiresAt) {
        highLevel.registerToken(token, locationId, scopes, expiresAt);
        issued.computeIfAbsent(locationId, k -> ConcurrentHashMap.newKeySet()).add(token);
    }

    /** The control API under {@code /sandbox/control/oauth}: GET counts, PUT settings, POST /expire. */
    SandboxResponse control(String method, String path, Map<String, String> query) {
        String route = method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("/+$", "");
        return switch (route) {
            case "GET /oauth" -> SandboxResponse.json(200, state());
            case "POST /oauth/expire" ->
                    expire(query.getOrDefault("locationId", HighLevelEmulator.DEFAULT_LOCATION));
            default -> ApiError.of(404, "No control operation " + route).toResponse();
        };
    }

    SandboxResponse configure(com.fasterxml.jackson.databind.JsonNode json) {
        if (json.has("accessTokenLifetimeSeconds")) {
            lifetimeSeconds.set(json.get("accessTokenLifetimeSeconds").asLong());
        }
        if (json.has("dropNextTokenAnswer")) {
            dropNext.set(json.get("dropNextTokenAnswer").asBoolean());
        }
        if (json.has("delayNextTokenAnswerMs")) {
            delayNextMs.set(Math.max(0, json.get("delayNextTokenAnswerMs").asLong()));
        }
        return SandboxResponse.json(200, state());
    }

    /** HighLevel stops accepting the location's access tokens now, before their announced expiry. */
    private SandboxResponse expire(String locationId) {
        Set<String> tokens = issued.getOrDefault(locationId, Set.of());
        tokens.forEach(highLevel::revokeToken);
        return SandboxResponse.json(200, Map.of("locationId", locationId, "expired", tokens.size()));
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("accessTokenLifetimeSeconds", lifetimeSeconds.get());
        state.put("dropNextTokenAnswer", dropNext.get());
        state.put("delayNextTokenAnswerMs", delayNextMs.get());
        state.put("calls", sums(calls));
        state.put("refreshes", sums(refreshes));
        return state;
    }

    public void reset() {
        codes.clear();
        refreshTokens.clear();
        companyTokens.clear();
        issued.clear();
        calls.clear();
        refreshes.clear();
        dropNext.set(false);
        delayNextMs.set(0);
        lifetimeSeconds.set(initialLifetime.toSeconds());
    }

    private void count(String what) {
        calls.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((k, v) -> sums.put(k, v.sum()));
        return sums;
    }

    private static SandboxResponse error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return SandboxResponse.json(status, body);
    }

    /** An {@code application/x-www-form-urlencoded} body as a map, first value of each name. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    static Set<String> scopes(String text) {
        String[] names = text == null ? new String[0] : text.trim().split("\\s+");
        Set<String> scopes = new LinkedHashSet<>(List.of(names));
        scopes.remove("");
        return scopes;
    }
}
