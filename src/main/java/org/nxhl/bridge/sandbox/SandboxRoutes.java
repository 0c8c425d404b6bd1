package org.nxhl.bridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Mounts the emulators on platform-http: {@code /sandbox/ghl} (HighLevel API root),
 * {@code /sandbox/networx} (Networx API root plus {@code /leads} and {@code /callbacks}) and
 * {@code /sandbox/control} (see {@link SandboxControl}). Also binds the emulators in the
 * registry as {@code sandboxHighLevel} and {@code sandboxNetworx}.
 *
 * <p>Properties, all optional:
 * <ul>
 *   <li>{@code sandbox.enabled} (true): false mounts nothing;</li>
 *   <li>{@code sandbox.ghl.rate-limit.max} (100), {@code sandbox.ghl.rate-limit.interval-ms}
 *       (10000), {@code sandbox.ghl.rate-limit.daily} (200000): each location's budget;</li>
 *   <li>{@code sandbox.ghl.custom-fields}: comma-separated custom field keys every location
 *       has, by default {@code contact.networx_lead_id,contact.networx_price,
 *       contact.networx_exclusive,contact.networx_plan,contact.job_status};</li>
 *   <li>{@code sandbox.networx.users}: {@code user:password:Client Name} entries separated
 *       by {@code ;}, by default {@code sandbox:sandbox:Sandbox Carpentry};</li>
 *   <li>{@code sandbox.ghl.webhooks.url}: where the HighLevel emulator posts its signed webhooks;
 *       unset, it sends none. {@code sandbox.ghl.webhooks.private-key}: its Ed25519 key (PKCS#8,
 *       base64 or PEM), by default {@link WebhookEmitter#DEFAULT_PRIVATE_KEY}.</li>
 *   <li>{@code sandbox.ghl.locations}: {@code id:Name} entries separated by {@code ;}, the
 *       locations the choose-location page offers ({@link OAuthEmulator#DEFAULT_LOCATIONS});</li>
 *   <li>{@code sandbox.oauth.client-id}, {@code sandbox.oauth.client-secret} (sandbox-client,
 *       sandbox-secret), {@code sandbox.oauth.access-token-lifetime} (PT24H).</li>
 * </ul>
 *
 * <p>The OAuth side: {@code /sandbox/ghl/oauth/*} (token endpoints), {@code /sandbox/marketplace}
 * (the choose-location page) and {@code /sandbox/control/oauth} (see {@link OAuthEmulator}).
 */
public class SandboxRoutes extends RouteBuilder {

    public static final String GHL_PATH = "/sandbox/ghl";
    public static final String NETWORX_PATH = "/sandbox/networx";
    public static final String CONTROL_PATH = "/sandbox/control";
    public static final String MARKETPLACE_PATH = "/sandbox/marketplace";

    private HighLevelEmulator highLevel;
    private NetworxEmulator networx;
    private OAuthEmulator oauth;

    public SandboxRoutes() {
    }

    /** Serves the given emulators instead of building them from the properties. */
    public SandboxRoutes(HighLevelEmulator highLevel, NetworxEmulator networx) {
        this.highLevel = highLevel;
        this.networx = networx;
    }

    @Override
    public void configure() {
        PropertiesComponent properties = getContext().getPropertiesComponent();
        SandboxSettings settings = SandboxSettings.read(properties::resolveProperty);
        if (!settings.enabled()) {
            return;
        }
        if (highLevel == null) {
            highLevel = new HighLevelEmulator(settings.rateLimit(), settings.customFields(),
                    Clock.systemUTC());
        }
        if (networx == null) {
            networx = new NetworxEmulator(settings.networxUsers());
        }
        if (settings.webhookUrl().isPresent() && highLevel.webhookEmitter() == null) {
            highLevel.emitWebhooks(new WebhookEmitter(settings.webhookUrl().get(),
                    settings.webhookKey().orElse(null)));
        }
        oauth = new OAuthEmulator(highLevel,
                value(properties, "sandbox.oauth.client-id", OAuthEmulator.DEFAULT_CLIENT_ID),
                value(properties, "sandbox.oauth.client-secret", OAuthEmulator.DEFAULT_CLIENT_SECRET),
                OAuthEmulator.DEFAULT_COMPANY, OAuthEmulator.parseLocations(
                        value(properties, "sandbox.ghl.locations", OAuthEmulator.DEFAULT_LOCATIONS)),
                Duration.parse(value(properties, "sandbox.oauth.access-token-lifetime", "PT24H")),
                Clock.systemUTC());
        getContext().getRegistry().bind("sandboxHighLevel", highLevel);
        getContext().getRegistry().bind("sandboxNetworx", networx);
        getContext().getRegistry().bind("sandboxOAuth", oauth);
        SandboxControl control = new SandboxControl(highLevel, networx);

        // the HighLevel Contacts API v2, faults and delays included, and its OAuth token endpoints
        mount("sandbox-ghl", GHL_PATH, (method, path, query, headers, body) -> {
            SandboxResponse token = oauth.handle(method, path, query, headers, body);
            return token != null ? token : highLevel.handle(method, path, query, headers, body);
        });
        // the page where an admin chooses the location to install the app on
        mount("sandbox-marketplace", MARKETPLACE_PATH, new Marketplace(oauth)::handle);
        // the Networx public API, lead pushes and the callback inbox
        mount("sandbox-networx", NETWORX_PATH, networx::handle);
        // faults, rate limits, journal, reset and state for tests and benchmarks
        mount("sandbox-control", CONTROL_PATH, (method, path, query, headers, body) -> {
            if (path.startsWith("/oauth")) {
                return "PUT".equalsIgnoreCase(method) ? oauth.configure(SandboxJson.parse(body))
                        : oauth.control(method, path, query);
            }
            if (path.startsWith("/reset")) {
                oauth.reset();
            }
            return control.handle(method, path, query, headers, body);
        });
    }

    private static String value(PropertiesComponent properties, String key, String fallback) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
    }

    public HighLevelEmulator highLevel() {
        return highLevel;
    }

    public NetworxEmulator networx() {
        return networx;
    }

    public OAuthEmulator oauth() {
        return oauth;
    }

    private void mount(String id, String path, SandboxHttpAdapter.Handler handler) {
        from("platform-http:" + path + "?matchOnUriPrefix=true")
                .routeId(id)
                .process(new SandboxHttpAdapter(path, handler))
                .delay(exchangeProperty(SandboxHttpAdapter.DELAY_PROPERTY))
                .process(SandboxHttpAdapter::reply);
    }
}
