package org.nxhl.bridge.sandbox;

import java.util.Map;

/**
 * Sees every call the HighLevel emulator answers, with the answer, e.g. so that tests can check
 * each exchange against the official spec. Called on the request's thread; must not block.
 */
@FunctionalInterface
public interface ExchangeObserver {

    void exchanged(String method, String path, Map<String, String> query, Map<String, String> headers,
                   byte[] body, SandboxResponse response);
}
