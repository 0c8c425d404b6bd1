package org.nxhl.bridge.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HighLevel's choose-location page, as the admin who installs the app sees it: paths relative to the
 * marketplace root, {@code GET /v2/oauth/chooselocation} lists the sandbox's locations (and the agency as a
 * whole) with an approve button; its form posts to {@code /v2/oauth/approve}, which sends the browser to
 * the app's redirect URI with a code and the state it was given.
 */
final class Marketplace {

    private final OAuthEmulator oauth;

    Marketplace(OAuthEmulator oauth) {
        this.oauth = oauth;
    }

    SandboxResponse handle(String method, String path, Map<String, String> query,
                           Map<String, String> headers, byte[] body) {
        String route = method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("/+$", "");
        return switch (route) {
            case "GET /v2/oauth/chooselocation" -> chooseLocation(query);
            case "POST /v2/oauth/approve" -> approve(OAuthEmulator.form(body));
            default -> page(404, "Not found", "<p>No such page.</p>");
        };
    }

    private SandboxResponse chooseLocation(Map<String, String> query) {
        if (!"code".equals(query.get("response_type")) || !oauth.knowsClient(query.get("client_id"))
                || isBlank(query.get("redirect_uri"))) {
            return page(400, "Invalid request", "<p>The app's authorization link is not valid: it needs"
                    + " response_type=code, a known client_id and a redirect_uri.</p>");
        }
        StringBuilder form = new StringBuilder("<p>The app asks for: ")
                .append(escape(query.getOrDefault("scope", ""))).append("</p>")
                .append("<form method=\"post\" action=\"approve\">");
        for (String name : new String[] {"client_id", "redirect_uri", "scope", "state"}) {
            form.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(escape(query.getOrDefault(name, ""))).append("\">");
        }
        boolean first = true;
        for (Map.Entry<String, String> location : oauth.locations().entrySet()) {
            form.append("<p><label><input type=\"radio\" name=\"locationId\" id=\"location-")
                    .append(escape(location.getKey())).append("\" value=\"").append(escape(location.getKey()))
                    .append('"').append(first ? " checked" : "").append("> ")
                    .append(escape(location.getValue()))
                    .append(" (").append(escape(location.getKey())).append(")</label></p>");
            first = false;
        }
        form.append("<p><label><input type=\"radio\" name=\"locationId\" id=\"agency\" value=\"company:")
                .append(escape(oauth.companyId())).append("\"> The whole agency (")
                .append(escape(oauth.companyId()))
                .append(")</label></p><button type=\"submit\" id=\"approve\">Approve</button></form>");
        return page(200, "Choose an account", form.toString());
    }

    private SandboxResponse approve(Map<String, String> form) {
        String redirect = form.get("redirect_uri");
        String choice = form.getOrDefault("locationId", "");
        boolean company = choice.startsWith("company:");
        if (!oauth.knowsClient(form.get("client_id")) || isBlank(redirect)
                || (!company && !oauth.locations().containsKey(choice))) {
            return page(400, "Invalid request", "<p>Choose one of the listed accounts.</p>");
        }
        String code = oauth.issueCode(form.get("client_id"), redirect, company, choice,
                OAuthEmulator.scopes(form.get("scope")));
        String target = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (isBlank(form.get("state")) ? "" : "&state=" + encode(form.get("state")));
        return new SandboxResponse(302, Map.of("Location", target), new byte[0],
                SandboxResponse.Delivery.ANSWER, 0);
    }

    private static SandboxResponse page(int status, String title, String content) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + content + "</body></html>";
        return new SandboxResponse(status, Map.of("Content-Type", "text/html; charset=utf-8"),
                html.getBytes(StandardCharsets.UTF_8), SandboxResponse.Delivery.ANSWER, 0);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
