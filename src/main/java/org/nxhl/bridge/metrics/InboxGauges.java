package org.nxhl.bridge.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.nxhl.bridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How deep the inbox is and how long its oldest unfinished event has waited. Read from the store on a
 * timer of its own, so a scrape never queries the store; every replica reports the same shared inbox.
 */
public class InboxGauges extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(InboxGauges.class);
    private static final List<String> STATUSES = List.of("pending", "processing", "dead");
    private static final String DEPTH = "SELECT status, COUNT(*) FROM inbox_event"
            + " WHERE status IN ('pending', 'processing', 'dead') GROUP BY status";
    private static final String OLDEST = "SELECT MIN(COALESCE(replayed_at, received_at)) FROM inbox_event"
            + " WHERE status IN ('pending', 'processing')";

    private final CamelContext camel;
    private final Database db;
    private final Duration every;
    private final Map<String, Long> depth = new ConcurrentHashMap<>();
    private volatile Instant oldest;
    private ScheduledExecutorService timer;

    public InboxGauges(CamelContext camel, Database db, MeterRegistry registry, Duration every) {
        this.camel = camel;
        this.db = db;
        this.every = every;
        for (String status : STATUSES) {
            depth.put(status, 0L);
            Gauge.builder("bridge.inbox.events", depth, d -> d.getOrDefault(status, 0L))
                    .description("Inbox events by status, as last read from the store")
                    .tag("status", status).register(registry);
        }
        Gauge.builder("bridge.inbox.oldest.waiting.age", this, InboxGauges::oldestAgeSeconds)
                .description("Age of the oldest event not yet done or dead, as last read from the store")
                .baseUnit("seconds").register(registry);
    }

    @Override
    protected void doStart() {
        timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "inbox-gauges");
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            camel.getExecutorServiceManager().shutdownNow(timer);
        }
    }

    /** Reads the store once; a store that is away leaves the last values in place. */
    void refresh() {
        try (Connection c = db.connection()) {
            Map<String, Long> read = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(DEPTH); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(OLDEST); ResultSet rs = ps.executeQuery()) {
                OffsetDateTime at = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                oldest = at == null ? null : at.toInstant();
            }
            for (String status : STATUSES) {
                depth.put(status, read.getOrDefault(status, 0L));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("inbox gauges not refreshed: {}", e.getMessage());
        }
    }

    private double oldestAgeSeconds() {
        Instant at = oldest;
        return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }
}
