package org.nxhl.bridge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends leads the way Networx does: each until the bridge answers 2xx, trying again when it does
 * not answer or answers 5xx. The URL is asked for on every try, so the bridge may move.
 */
public final class LeadSender {

    private final Supplier<String> url;
    private final AtomicInteger accepted = new AtomicInteger();

    public LeadSender(Supplier<String> url) {
        this.url = url;
    }

    /** A distinct lead: its own id, email and phone. */
    public static String lead(int n) {
        ObjectNode lead = Samples.object("lead.json");
        lead.put("lead_id", "L" + (100000 + n))
                .put("email", "person" + n + "@example.org")
                .put("phone", String.format("213555%04d", n));
        return lead.toString();
    }

    public int accepted() {
        return accepted.get();
    }

    /** Sends leads 0..count-1 with {@code senders} threads; returns when every one was accepted. */
    public void sendAll(int count, int senders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String lead = lead(i);
                all.add(pool.submit(() -> {
                    deliver(lead);
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void deliver(String lead) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                Http.Answer answer = Http.postJson(url.get(), lead);
                if (answer.status() / 100 == 2) {
                    accepted.incrementAndGet();
                    return;
                }
                if (answer.status() < 500) {
                    throw new AssertionError("lead refused: " + answer.status() + " " + answer.body());
                }
            } catch (java.io.IOException | IllegalStateException bridgeAway) {
                // not answering: Networx would try again later
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a lead was never accepted");
    }
}
