package org.nxhl.bridge.sandbox;

/**
 * Shares (0..1) of calls that go wrong. Errors, 429s, drops and timeouts exclude each other and
 * are drawn in that order from one roll; latency is drawn on its own and adds to any of them.
 */
public record FaultSettings(double latencyShare, long latencyMs, double errorShare,
                            double rateLimitShare, double dropShare, double timeoutShare,
                            long timeoutMs) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 0, 30_000);

    public FaultSettings {
        double[] shares = {latencyShare, errorShare, rateLimitShare, dropShare, timeoutShare};
        for (double share : shares) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("fault shares must lie between 0 and 1");
            }
        }
        if (latencyMs < 0 || timeoutMs < 0) {
            throw new IllegalArgumentException("fault durations must not be negative");
        }
    }
}
