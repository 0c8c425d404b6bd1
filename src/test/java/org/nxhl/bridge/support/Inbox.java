package org.nxhl.bridge.support;

import java.util.Map;

import org.nxhl.bridge.inbox.InboxStore;

/** Reads the inbox of a bridge running in this JVM. */
public final class Inbox {

    private Inbox() {
    }

    public static long count(RunningBridge bridge, String status) {
        Map<String, Long> counts = bridge.bean("inbox", InboxStore.class).countByStatus();
        return counts.getOrDefault(status, 0L);
    }
}
