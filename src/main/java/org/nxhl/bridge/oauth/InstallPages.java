package org.nxhl.bridge.oauth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nxhl.bridge.inbox.RetryLaterException;
import org.nxhl.bridge.location.Locations;
import org.nxhl.bridge.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two pages of an install: {@code /oauth/install} sends the browser to HighLevel's choose-location
 * page with a fresh state; {@code /oauth/callback} checks the state, trades the code for tokens, keeps them
 * and says in plain words which location is now connected. No token or code is ever shown.
 */
public class InstallPages {

    private static final Logger LOG = LoggerFactory.getLogger(InstallPages.class);

    private final OAuthSettings settings;
    private final InstallStates states;
    private final TokenEndpoint endpoint;
    private final Installs installs;
    private final Locations locations;

    public InstallPages(OAuthSettings settings, InstallStates states, TokenEndpoint endpoint, Installs installs,
                        Locations locations) {
        this.settings = settings;
        this.states = states;
        this.endpoint = endpoint;
        this.installs = installs;
        this.locations = locations;
    }

    public void install(Exchange exchange) {
        try {
            String url = settings.authorizeUrl() + "?response_type=code"
                    + "&client_id=" + encode(settings.clientId())
                    + "&redirect_uri=" + encode(settings.redirectUri())
                    + "&scope=" + encode(settings.scopes())
                    + "&state=" + encode(states.issue());
            Message message = reset(exchange, 302);
            message.setHeader("Location", url);
            message.setHeader("Cache-Control", "no-store");
            message.setBody("");
        } catch (StoreUnavailableException e) {
            page(exchange, 503, "Try again shortly", "The bridge's store is unavailable.");
        }
    }

    public void callback(Exchange exchange) {
        Map<String, String> query = query(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class));
        try {
            if (!states.consume(query.get("state"))) {
                page(exchange, 400, "Install not recognised", "This return from HighLevel does not belong to"
                        + " an install started here, or it is expired or already used. Start again at"
                        + " /oauth/install.");
                return;
            }
            String code = query.get("code");
            if (code == null || code.isBlank()) {
                page(exchange, 400, "Install not completed", "HighLevel sent no authorization code"
                        + (query.containsKey("error") ? " (" + query.get("error") + ")" : "") + ".");
                return;
            }
            List<String> connected = installs.accept(endpoint.exchangeCode(code));
            StringBuilder text = new StringBuilder();
            for (String locationId : connected) {
                text.append("HighLevel location ").append(locationId).append(" is now connected to the bridge")
                        .append(locations.byId(locationId).isPresent() ? "." : "; it has no lead intake"
                                + " configured yet (bridge.locations).").append('\n');
            }
            page(exchange, 200, "Connected", connected.isEmpty() ? "The agency is connected; it approved no"
                    + " location yet." : text.toString().trim());
        } catch (TokenRefusedException | TokenAnswerLostException | RetryLaterException e) {
            LOG.warn("an install did not complete: {}", e.getMessage());
            page(exchange, 502, "Install not completed", "HighLevel did not give the bridge its tokens: "
                    + e.getMessage() + ". Start again at /oauth/install.");
        } catch (StoreUnavailableException e) {
            LOG.warn("an install did not complete, the store is unavailable: {}", e.getMessage());
            page(exchange, 503, "Install not completed", "The bridge's store is unavailable. Start again at"
                    + " /oauth/install shortly.");
        }
    }

    private static void page(Exchange exchange, int status, String title, String text) {
        Message message = reset(exchange, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setHeader("Cache-Control", "no-store");
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title></head><body><h1>").append(escape(title))
                .append("</h1>");
        for (String line : text.split("\n")) {
            html.append("<p>").append(escape(line)).append("</p>");
        }
        message.setBody(html.append("</body></html>").toString());
    }

    // every request header goes: platform-http would copy them into the answer
    private static Message reset(Exchange exchange, int status) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return message;
    }

    static Map<String, String> query(String query) {
        Map<String, String> values = new HashMap<>();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
