package org.nxhl.bridge.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;

/**
 * The bridge's own meters, in the registry Camel serves at /observe/metrics. Labels carry only
 * sources, event types, location ids, endpoint templates and status codes: never a person or a token.
 */
public class BridgeMetrics {

    /** The event type whose received-to-done time is the lead-to-contact latency. */
    public static final String LEAD_TYPE = "networx.lead";
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofHours(1)};
    private static final int MAX_REASON = 40;
    private static final String BEAN = "metrics";

    private final MeterRegistry registry;

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The bridge's meters for this Camel context, made on first use. They live in the registry Camel's
     * metrics service scrapes: the one it bound already, or a Prometheus registry bound here for it to find.
     */
    public static synchronized BridgeMetrics of(CamelContext camel) {
        Registry beans = camel.getRegistry();
        BridgeMetrics metrics = beans.lookupByNameAndType(BEAN, BridgeMetrics.class);
        if (metrics != null) {
            return metrics;
        }
        MeterRegistry registry = beans.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            beans.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        }
        metrics = new BridgeMetrics(registry);
        beans.bind(BEAN, metrics);
        return metrics;
    }

    /** Meters that count into a registry nobody reads, for parts built without the bridge around them. */
    public static BridgeMetrics detached() {
        return new BridgeMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An event stored by an intake (a duplicate is counted apart). */
    public void eventReceived(String source, String type) {
        event("bridge.events.received", "Events stored by an intake", source, type).increment();
    }

    public void eventDuplicate(String source, String type) {
        event("bridge.events.duplicate", "Events an intake already held", source, type).increment();
    }

    /** An event whose flow finished; a lead's time from receipt to done is its lead-to-contact latency. */
    public void eventDone(String source, String type, Instant receivedAt) {
        event("bridge.events.done", "Events whose flow finished", source, type).increment();
        if (LEAD_TYPE.equals(type) && receivedAt != null) {
            Duration latency = Duration.between(receivedAt, Instant.now());
            Timer.builder("bridge.lead.to.contact")
                    .description("Time from a Networx lead being stored to its HighLevel contact being done")
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)
                    .record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    public void eventRetried(String source, String type) {
        event("bridge.events.retried", "Event attempts that failed and wait to be tried again", source, type)
                .increment();
    }

    public void eventDead(String source, String type) {
        event("bridge.events.dead", "Events given up on, kept as dead letters", source, type).increment();
    }

    /** One HighLevel HTTP exchange; {@code status} is the HTTP status, or a word when none came back. */
    public void highLevelCall(String method, String endpoint, String status, Duration took) {
        Counter.builder("bridge.highlevel.calls")
                .description("HighLevel API calls by method, endpoint template and status")
                .tags("method", method, "endpoint", endpoint, "status", status)
                .register(registry).increment();
        Timer.builder("bridge.highlevel.call.duration")
                .description("Time HighLevel took to answer, by method and endpoint template")
                .tags("method", method, "endpoint", endpoint)
                .register(registry).record(took);
    }

    /** A call that had to wait for its location's rate budget, and for how long. */
    public void rateLimitWaited(String location, Duration waited) {
        Counter.builder("bridge.ratelimit.waits")
                .description("HighLevel calls that waited for their location's rate budget")
                .tag("location", location).register(registry).increment();
        Counter.builder("bridge.ratelimit.wait")
                .description("Time HighLevel calls spent waiting for their location's rate budget")
                .baseUnit("seconds").tag("location", location).register(registry)
                .increment(waited.toNanos() / 1e9);
    }

    public void tokenRefreshed(String location) {
        Counter.builder("bridge.oauth.token.refreshes")
                .description("OAuth access tokens refreshed, by location")
                .tag("location", location).register(registry).increment();
    }

    /** A refresh that failed; {@code reason} is a short code such as {@code invalid_grant}, never a message. */
    public void tokenRefreshFailed(String location, String reason) {
        Counter.builder("bridge.oauth.token.refresh.failures")
                .description("OAuth token refreshes that failed, by location and reason")
                .tags("location", location, "reason", code(reason)).register(registry).increment();
    }

    private Counter event(String name, String description, String source, String type) {
        return Counter.builder(name).description(description).tags("source", source, "type", type)
                .register(registry);
    }

    /** Keeps a reason a short code: lower case letters, digits and underscores, at most 40 of them. */
    static String code(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown";
        }
        String code = reason.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return code.length() <= MAX_REASON ? code : code.substring(0, MAX_REASON);
    }
}
