package org.nxhl.bridge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.EventNotifierSupport;
import org.nxhl.bridge.admin.DeadLetterAdmin;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.highlevel.PrivateTokens;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.RetryPolicy;
import org.nxhl.bridge.intake.LeadIntake;
import org.nxhl.bridge.location.Locations;
import org.nxhl.bridge.mapping.LeadMapper;
import org.nxhl.bridge.mapping.LeadSteps;
import org.nxhl.bridge.networx.NetworxClient;
import org.nxhl.bridge.networx.NetworxSubscriber;
import org.nxhl.bridge.networx.Subscriptions;
import org.nxhl.bridge.oauth.LocationTokens;
import org.nxhl.bridge.ratelimit.LocationRateLimiter;
import org.nxhl.bridge.sandbox.SandboxRoutes;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.store.Database;

/** Builds the bridge's parts from application.properties and binds the ones routes refer to by name. */
public class BridgeConfiguration implements CamelConfiguration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BridgeConfiguration.class);

    static {
        // the JDK's HTTP client must not connect again on its own after a failed connect: the inbox
        // decides about retries. Set before the first request of the process, which reads it once
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
    }

    private static final String[] LEAD_CUSTOM_FIELDS = {"lead_id", "price", "is_exclusive", "plan_name"};

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel.getPropertiesComponent());
        Registry registry = camel.getRegistry();
        ObjectMapper json = new ObjectMapper();

        Database db = new Database(settings.string("store.url", "jdbc:h2:file:./data/bridge"),
                settings.string("store.user", "sa"), settings.string("store.password", ""),
                settings.integer("store.pool-size", 16));
        db.migrate();
        InboxStore inbox = new InboxStore(db);
        ContactLinks links = new ContactLinks(db);
        Locations locations = Locations.from(settings);
        SandboxValues.refuseOutsideTheSandbox(settings, locations);

        RetryPolicy retry = new RetryPolicy(settings.duration("inbox.retry.first", Duration.ofSeconds(2)),
                settings.duration("inbox.retry.cap", Duration.ofMinutes(15)),
                settings.duration("inbox.retry.max-age", Duration.ofHours(24)));
        InboxDispatcher dispatcher = new InboxDispatcher(camel, inbox, retry, settings.integer("inbox.workers", 16),
                settings.duration("inbox.lease", Duration.ofMinutes(5)),
                settings.duration("inbox.poll-interval", Duration.ofMillis(500)));

        int perInterval = settings.integer("highlevel.rate-limit.max", 100)
                - settings.integer("highlevel.rate-limit.headroom", 8);
        Duration interval = settings.duration("highlevel.rate-limit.interval", Duration.ofSeconds(10));
        int daily = settings.integer("highlevel.rate-limit.daily", 200_000);
        LocationRateLimiter limiter = db.isPostgres()
                ? LocationRateLimiter.shared(db.dataSource(), perInterval, interval, daily)
                : LocationRateLimiter.inMemory(perInterval, interval, daily);
        // a location's OAuth install where it has one (see OAuthConfiguration), its private token otherwise
        LocationTokens tokens = LocationTokens.of(new PrivateTokens(locations), locations, settings);
        HighLevelClient highLevel = new HighLevelClient(settings.required("highlevel.base-url"), tokens, limiter,
                inbox, json, settings.duration("highlevel.timeout", Duration.ofSeconds(30)));

        Map<String, String> customFields = new LinkedHashMap<>();
        for (String field : LEAD_CUSTOM_FIELDS) {
            settings.optional("lead.custom-fields." + field).ifPresent(key -> customFields.put(field, key));
        }
        LeadMapper mapper = new LeadMapper(settings.list("lead.tags"), customFields);

        NetworxSubscriber subscriber = new NetworxSubscriber(locations,
                new NetworxClient(settings.required("networx.base-url"), json), new Subscriptions(db),
                settings.required("bridge.public-url"));

        registry.bind("json", json);
        // each request waits for its commit on a worker thread of the HTTP server; the pool bounds how
        // many requests can share one commit (and its sync to disk)
        registry.bind("httpServerOptions", new VertxOptions()
                .setWorkerPoolSize(settings.integer("intake.http-workers", 64)));
        registry.bind("database", db);
        registry.bind("contactLinks", links);
        registry.bind("rateLimiter", limiter);
        registry.bind("inbox", inbox);
        registry.bind("locations", locations);
        registry.bind("dispatcher", dispatcher);
        registry.bind("tokens", tokens);
        registry.bind("highLevel", highLevel);
        registry.bind("leadSteps", new LeadSteps(mapper, links, json));
        registry.bind("leadIntake", new LeadIntake(locations, inbox, dispatcher,
                settings.integer("intake.max-body-bytes", 256 * 1024)));
        registry.bind("networxSubscriber", subscriber);
        registry.bind("deadLetterAdmin", new DeadLetterAdmin(inbox, dispatcher,
                settings.optional("admin.token").orElse(null), json));
        // the sandbox mounts itself only when sandbox.enabled is true
        camel.addRoutes(new SandboxRoutes());

        boolean subscribe = settings.flag("networx.subscribe-on-start", true);
        camel.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // the flows exist only once routes are started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                dispatcher.start();
                if (subscribe) {
                    subscriber.subscribeAll();
                }
                LOG.info("bridge ready: webhooks on port {}, health and metrics on port {}, store {}",
                        settings.string("camel.server.port", "8080"), settings.string("camel.management.port",
                                "9876"), db.isPostgres() ? "PostgreSQL" : "embedded H2");
            }
        });
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    dispatcher.stop();
                } else if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    inbox.close();
                    db.close();
                }
            }
        });
    }
}
