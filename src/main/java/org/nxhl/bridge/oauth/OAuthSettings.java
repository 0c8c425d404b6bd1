package org.nxhl.bridge.oauth;

import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import org.nxhl.bridge.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code oauth.*} block of application.properties; see there for what each key means. */
public record OAuthSettings(String clientId, String clientSecret, String authorizeUrl, String redirectUri,
                            String scopes, String userType, String tokenBaseUrl, Duration refreshMargin,
                            Duration stateLifetime, Duration reinstallWait, Duration timeout,
                            String encryptionKey) {

    static final String CHOOSE_LOCATION = "/v2/oauth/chooselocation";
    // a fixed key for the sandbox only, so that a developer's store opens on every start
    private static final String SANDBOX_KEY = Base64.getEncoder()
            .encodeToString("sandbox key: never for real data".getBytes(StandardCharsets.US_ASCII));
    private static final Logger LOG = LoggerFactory.getLogger(OAuthSettings.class);

    public static OAuthSettings read(Settings settings) {
        String marketplace = trimSlash(settings.string("oauth.marketplace-url",
                "https://marketplace.gohighlevel.com"));
        return new OAuthSettings(settings.string("oauth.client-id", ""),
                settings.string("oauth.client-secret", ""),
                marketplace + CHOOSE_LOCATION,
                settings.string("oauth.redirect-uri", trimSlash(settings.required("bridge.public-url"))
                        + "/oauth/callback"),
                settings.string("oauth.scopes", "contacts.readonly contacts.write"),
                settings.string("oauth.user-type", "Location"),
                trimSlash(settings.required("highlevel.base-url")),
                settings.duration("oauth.refresh-margin", Duration.ofMinutes(5)),
                settings.duration("oauth.state-lifetime", Duration.ofMinutes(10)),
                settings.duration("oauth.reinstall-wait", Duration.ofMinutes(15)),
                settings.duration("oauth.timeout", Duration.ofSeconds(15)),
                encryptionKey(settings));
    }

    /** Outside the sandbox there is no default key: the bridge does not start without one. */
    private static String encryptionKey(Settings settings) {
        return settings.optional("oauth.encryption-key").orElseGet(() -> {
            if (!settings.flag("sandbox.enabled", true)) {
                throw new IllegalStateException("oauth.encryption-key (environment: OAUTH_ENCRYPTION_KEY)"
                        + " must be set outside the sandbox: a Tink JSON keyset or the base64 of 32 random"
                        + " bytes");
            }
            LOG.warn("tokens are encrypted with the sandbox's fixed development key; set OAUTH_ENCRYPTION_KEY"
                    + " for real data");
            return SANDBOX_KEY;
        });
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "OAuthSettings[" + clientId + ", " + authorizeUrl + "]";
    }
}
