package org.nxhl.bridge.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the sandbox's HighLevel API as a client would, with the default token and Version, and
 * runs each exchange through {@link HighLevelContract} unless told the request is wrong on purpose.
 */
final class GhlClient {

    private final String base;
    // without HighLevel's spec beside the checkout the exchanges still run, unchecked (HighLevelExchanges says so)
    private final HighLevelContract contract = HighLevelContract.available() ? HighLevelContract.load() : null;

    GhlClient(SandboxServer server) {
        this.base = server.baseUrl() + SandboxRoutes.GHL_PATH;
    }

    static Map<String, String> defaultHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + HighLevelEmulator.DEFAULT_TOKEN);
        headers.put("Version", HighLevelEmulator.API_VERSION);
        headers.put("Accept", "application/json");
        return headers;
    }

    /** A valid call: request and answer are both checked against the spec. */
    TestHttp.Reply call(String method, String path, String body) throws Exception {
        return call(method, path, defaultHeaders(), body, true);
    }

    /** A call that breaks a rule on purpose: only the answer is checked against the spec. */
    TestHttp.Reply wrong(String method, String path, String body) throws Exception {
        return call(method, path, defaultHeaders(), body, false);
    }

    TestHttp.Reply call(String method, String path, Map<String, String> headers, String body,
                        boolean validRequest) throws Exception {
        TestHttp.Reply reply = TestHttp.send(method, base + path, headers, body);
        if (validRequest) {
            Map<String, List<String>> sent = new LinkedHashMap<>();
            headers.forEach((k, v) -> sent.put(k, List.of(v)));
            if (body != null) {
                sent.put("Content-Type", List.of("application/json"));
            }
            if (contract != null) {
                contract.check(method, path, query(path), sent, body, reply.status(), reply.headers(), reply.body());
            }
        } else {
            if (contract != null) {
                contract.checkResponse(method, path, reply.status(), reply.headers(), reply.body());
            }
        }
        return reply;
    }

    private static Map<String, String> query(String path) {
        Map<String, String> query = new LinkedHashMap<>();
        int mark = path.indexOf('?');
        if (mark < 0) {
            return query;
        }
        for (String pair : path.substring(mark + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }
}
