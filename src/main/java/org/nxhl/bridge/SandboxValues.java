package org.nxhl.bridge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;

/**
 * The sandbox's keys, tokens and endpoints are printed in application.properties for everyone to read.
 * A bridge that talks to the real APIs must hold none of them: a published webhook key would let anyone
 * sign HighLevel webhooks, and an endpoint left on this process's own sandbox reaches nothing once the
 * sandbox is off. Start-up with {@code sandbox.enabled=false} refuses every one still set, naming each key.
 * A private token is not checked: the sandbox's is no credential anywhere else.
 */
final class SandboxValues {

    private static final String SANDBOX_PREFIX = "sandbox-";

    /** Secrets whose sandbox value starts with {@code sandbox-}. */
    private static final List<String> PREFIXED =
            List.of("admin.token", "oauth.client-id", "oauth.client-secret");

    /** Endpoints whose default is this bridge's own sandbox, which is not there when it is off. */
    private static final List<String> ENDPOINTS = List.of("highlevel.base-url", "networx.base-url",
            "oauth.marketplace-url", "networx.callback.url");

    /**
     * The sandbox's signing secrets, as application.properties prints them: the Networx events' and the
     * callbacks' {@code whsec_} secrets, and the public half of the key the sandbox signs HighLevel
     * webhooks with, whose private half is in the sandbox's source.
     */
    private static final Set<String> PUBLISHED = Set.of(
            "whsec_slmic21BIy69sauALmEOiYOWHRyB93+olLBxSIKaX74=",
            "whsec_8JwXRBO6M+udEx8OADRot/fXBbW+NX5aEsO/c2jKf00=",
            "MCowBQYDK2VwAyEANzyEM/R1+b9D0kFZO2U8ulS0UyfAlPW0DKxp0E7J/xA=");

    private SandboxValues() {
    }

    static void refuseOutsideTheSandbox(Settings settings, Locations locations) {
        if (settings.flag("sandbox.enabled", true)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        PREFIXED.stream().filter(key -> isSandboxSecret(settings, key)).forEach(keys::add);
        Stream.of("networx.callback.secret", "highlevel.webhook.public-key")
                .filter(key -> isSandboxSecret(settings, key)).forEach(keys::add);
        for (Location location : locations.all()) {
            Stream.of("intake-key", "networx.webhook-secret")
                    .map(key -> "location." + location.id() + "." + key)
                    .filter(key -> isSandboxSecret(settings, key)).forEach(keys::add);
        }
        int ownPort = settings.integer("camel.server.port", 8080);
        ENDPOINTS.stream()
                .filter(key -> settings.optional(key).filter(url -> isOwnSandbox(url, ownPort)).isPresent())
                .forEach(keys::add);
        if (!keys.isEmpty()) {
            throw new IllegalStateException("sandbox.enabled is false, but these settings still hold the"
                    + " sandbox's published values: " + String.join(", ", keys)
                    + "; set each one (from the environment, upper case with underscores) to your own");
        }
    }

    private static boolean isSandboxSecret(Settings settings, String key) {
        return settings.optional(key).filter(v -> v.startsWith(SANDBOX_PREFIX) || PUBLISHED.contains(v))
                .isPresent();
    }

    /** Whether the URL is this process's own {@code /sandbox}, on loopback at its own port. */
    private static boolean isOwnSandbox(String url, int ownPort) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String path = uri.getPath() == null ? "" : uri.getPath();
        return loopback && port == ownPort && (path.equals("/sandbox") || path.startsWith("/sandbox/"));
    }
}
