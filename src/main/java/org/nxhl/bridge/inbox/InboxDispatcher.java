package org.nxhl.bridge.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.nxhl.bridge.metrics.BridgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due events from the inbox and hands each to the flow route for its type
 * ({@code networx.lead} goes to {@code direct:networx-lead}), then writes the outcome back.
 */
public class InboxDispatcher extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDispatcher.class);
    private static final Duration RECLAIM_EVERY = Duration.ofSeconds(5);

    private final CamelContext camel;
    private final InboxStore inbox;
    private final RetryPolicy retry;
    private final int workers;
    private final Duration lease;
    private final Duration pollInterval;
    private final String worker = "bridge-" + UUID.randomUUID();
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);

    private ExecutorService pool;
    private Thread loop;
    private ProducerTemplate template;
    private volatile boolean running;
    private volatile boolean backlog;
    private BridgeMetrics metrics = BridgeMetrics.detached();

    public InboxDispatcher(CamelContext camel, InboxStore inbox, RetryPolicy retry, int workers,
                           Duration lease, Duration pollInterval) {
        this.camel = camel;
        this.inbox = inbox;
        this.retry = retry;
        this.workers = workers;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.slots = new Semaphore(workers);
    }

    /** Tells the dispatcher that an event was just stored, so it need not wait for the next poll. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Counts each outcome once it is stored. */
    public void useMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    public String workerId() {
        return worker;
    }

    @Override
    protected void doStart() {
        template = camel.createProducerTemplate();
        pool = camel.getExecutorServiceManager().newFixedThreadPool(this, "inbox-worker", workers);
        running = true;
        loop = new Thread(this::run, "inbox-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    protected void doStop() throws Exception {
        LOG.info("inbox dispatcher stopping; unfinished events are finished or handed back");
        running = false;
        wake();
        if (loop != null) {
            loop.join(5_000);
        }
        if (pool != null) {
            camel.getExecutorServiceManager().shutdownGraceful(pool, 20_000);
        }
        int released = inbox.release(worker);
        if (released > 0) {
            LOG.info("released {} unfinished events for another process to take", released);
        }
        if (template != null) {
            template.stop();
        }
    }

    private void run() {
        Instant nextReclaim = Instant.EPOCH;
        while (running) {
            try {
                if (Instant.now().isAfter(nextReclaim)) {
                    int back = inbox.reclaimExpiredLeases();
                    if (back > 0) {
                        LOG.info("took back {} events whose process stopped holding them", back);
                    }
                    nextReclaim = Instant.now().plus(RECLAIM_EVERY);
                }
                if (!slots.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int want = 1 + slots.drainPermits();
                List<InboxEvent> events = running ? inbox.claim(worker, want, lease) : List.of();
                slots.release(want - events.size());
                backlog = events.size() == want;
                for (InboxEvent event : events) {
                    pool.execute(() -> handle(event));
                }
                if (events.isEmpty()) {
                    wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("inbox dispatcher could not claim events: {}", e.getMessage());
                sleepQuietly(pollInterval);
            }
        }
    }

    private void handle(InboxEvent event) {
        try {
            Exchange exchange = process(event);
            settleWhileLeased(event, exchange);
        } finally {
            slots.release();
            if (backlog) {
                wake();
            }
        }
    }

    private Exchange process(InboxEvent event) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(event.body());
        exchange.getMessage().setHeader(InboxHeaders.EVENT_ID, event.id());
        exchange.getMessage().setHeader(InboxHeaders.EVENT_TYPE, event.type());
        exchange.getMessage().setHeader(InboxHeaders.ATTEMPT, event.attempt());
        exchange.getMessage().setHeader(InboxHeaders.LOCATION_ID, event.locationId());
        exchange.getMessage().setHeader(InboxHeaders.RECEIVED_AT, event.receivedAt());
        return template.send(flowFor(event.type()), exchange);
    }

    static String flowFor(String type) {
        return "direct:" + type.replace('.', '-').toLowerCase(Locale.ROOT) + "?block=false";
    }

    /**
     * Writes the outcome, trying again while the store is away, for as long as the lease lasts; after
     * that the event is taken again by whoever holds it next, and its once-steps keep it from repeating.
     */
    private void settleWhileLeased(InboxEvent event, Exchange exchange) {
        Instant giveUp = Instant.now().plus(lease.dividedBy(2));
        while (true) {
            try {
                settle(event, exchange);
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(giveUp) || !running) {
                    LOG.warn("event {} outcome not stored, it will be taken again: {}", event.id(), e.getMessage());
                    return;
                }
                sleepQuietly(Duration.ofMillis(500));
            }
        }
    }

    private void settle(InboxEvent event, Exchange exchange) {
        Exception failure = exchange.getException();
        Instant now = Instant.now();
        if (failure == null) {
            inbox.done(event, worker, exchange.getProperty("outcome", String.class));
            metrics.eventDone(event.source(), event.type(), event.receivedAt());
            return;
        }
        Throwable cause = rootOf(failure);
        if (cause instanceof DirectConsumerNotAvailableException) {
            deadLetter(event, "no flow handles events of type " + event.type());
        } else if (cause instanceof PermanentFailureException) {
            deadLetter(event, cause.getMessage());
        } else if (cause instanceof RetryLaterException later && later.at() != null) {
            if (later.held() || retry.allows(event.receivedAt(), later.at())) {
                inbox.retry(event, worker, later.at(), cause.getMessage());
                metrics.eventRetried(event.source(), event.type());
            } else {
                deadLetter(event, "gave up after " + event.attempt() + " attempts: " + cause.getMessage());
            }
        } else {
            Instant at = retry.next(event.receivedAt(), event.attempt(), now);
            String reason = describe(cause);
            if (at == null) {
                deadLetter(event, "gave up after " + event.attempt() + " attempts: " + reason);
            } else {
                LOG.warn("event {} ({}) attempt {} failed, retrying at {}: {}", event.id(), event.type(),
                        event.attempt(), at, reason);
                inbox.retry(event, worker, at, reason);
                metrics.eventRetried(event.source(), event.type());
            }
        }
    }

    private void deadLetter(InboxEvent event, String reason) {
        LOG.warn("event {} ({}) is dead: {}", event.id(), event.type(), reason);
        inbox.dead(event, worker, reason);
        metrics.eventDead(event.source(), event.type());
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof PermanentFailureException)
                && !(t instanceof RetryLaterException)) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
