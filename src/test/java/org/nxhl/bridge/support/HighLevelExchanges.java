package org.nxhl.bridge.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.nxhl.bridge.sandbox.ExchangeObserver;
import org.nxhl.bridge.sandbox.HighLevelContract;
import org.nxhl.bridge.sandbox.SandboxResponse;

/**
 * Every exchange between the bridge and the sandbox HighLevel API during a test, kept to be read by
 * the test and checked, request and answer, against the official contacts spec when the test ends.
 */
public final class HighLevelExchanges implements ExchangeObserver {

    /** One call as the sandbox saw it, with its answer. */
    public record Exchange(String method, String path, Map<String, String> query,
                           Map<String, String> headers, String body, int status,
                           Map<String, String> responseHeaders, String responseBody) {
    }

    private final Queue<Exchange> seen = new ConcurrentLinkedQueue<>();

    @Override
    public void exchanged(String method, String path, Map<String, String> query, Map<String, String> headers,
                          byte[] body, SandboxResponse response) {
        seen.add(new Exchange(method, path, Map.copyOf(query), new LinkedHashMap<>(headers),
                new String(body, StandardCharsets.UTF_8), response.status(), response.headers(),
                response.bodyText()));
    }

    public List<Exchange> all() {
        return List.copyOf(seen);
    }

    /** The exchanges of one method whose path matches {@code pathRegex}. */
    public List<Exchange> matching(String method, String pathRegex) {
        return seen.stream().filter(e -> e.method().equals(method) && e.path().matches(pathRegex)).toList();
    }

    /**
     * Checks each exchange against the spec and fails listing every one that breaks it. Without the
     * spec (a clone with no {@code shared/} beside it) it says so and checks nothing.
     */
    public void checkAgainstSpec() {
        if (!HighLevelContract.available()) {
            System.err.println("HighLevel contract not checked: no spec at " + HighLevelContract.specFile()
                    + " (set -Dghl.openapi.dir to the folder holding apps/contacts.json)");
            return;
        }
        HighLevelContract contract = HighLevelContract.load();
        List<String> broken = new ArrayList<>();
        for (Exchange e : seen) {
            if (!e.path().startsWith("/contacts")) {
                // the Contacts API is the spec at hand; other APIs (a location's custom fields) are not
                continue;
            }
            try {
                contract.check(e.method(), e.path(), e.query(), multi(e.headers()), e.body(), e.status(),
                        multi(e.responseHeaders()), e.responseBody());
            } catch (AssertionError error) {
                broken.add(error.getMessage());
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionError(broken.size() + " of " + seen.size()
                    + " HighLevel exchanges break the spec:\n" + String.join("\n", broken));
        }
    }

    private static Map<String, List<String>> multi(Map<String, String> single) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        single.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }
}
