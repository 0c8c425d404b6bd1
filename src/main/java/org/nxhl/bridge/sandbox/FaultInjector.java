package org.nxhl.bridge.sandbox;

import java.util.concurrent.ThreadLocalRandom;

/** Draws, per call, which fault (if any) the current settings inflict. */
final class FaultInjector {

    /** What happens to one call. */
    enum Kind { NONE, SERVER_ERROR, RATE_LIMITED, DROP, TIMEOUT }

    record Fault(Kind kind, long latencyMs, int errorStatus) {
    }

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private volatile FaultSettings settings = FaultSettings.NONE;

    FaultSettings settings() {
        return settings;
    }

    void set(FaultSettings newSettings) {
        settings = newSettings;
    }

    Fault draw() {
        FaultSettings s = settings;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long latency = hit(random, s.latencyShare()) ? s.latencyMs() : 0;
        double roll = random.nextDouble();
        double edge = s.errorShare();
        if (roll < edge) {
            return new Fault(Kind.SERVER_ERROR, latency, SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
        }
        edge += s.rateLimitShare();
        if (roll < edge) {
            return new Fault(Kind.RATE_LIMITED, latency, 0);
        }
        edge += s.dropShare();
        if (roll < edge) {
            return new Fault(Kind.DROP, latency, 0);
        }
        edge += s.timeoutShare();
        if (roll < edge) {
            return new Fault(Kind.TIMEOUT, latency + s.timeoutMs(), 0);
        }
        return new Fault(Kind.NONE, latency, 0);
    }

    private static boolean hit(ThreadLocalRandom random, double share) {
        return share > 0 && random.nextDouble() < share;
    }
}
