package org.nxhl.bridge.support;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The README's {@code networx-unsubscribe} command, run as BridgeMain with that argument. */
public final class UnsubscribeCommand extends JavaProcess {

    private UnsubscribeCommand(Map<String, String> settings) throws Exception {
        super("org.nxhl.bridge.BridgeMain", "unsubscribe", settings, "networx-unsubscribe");
    }

    /** Runs the command with the bridge's settings and answers its exit code. */
    public static int run(Map<String, String> settings) throws Exception {
        UnsubscribeCommand command = new UnsubscribeCommand(settings);
        if (!command.waitFor(60)) {
            command.kill();
            throw new IllegalStateException("networx-unsubscribe did not end:\n" + command.tail());
        }
        return command.exitCode();
    }

    private boolean waitFor(int seconds) throws InterruptedException {
        return process().waitFor(seconds, TimeUnit.SECONDS);
    }

    private int exitCode() {
        return process().exitValue();
    }
}
