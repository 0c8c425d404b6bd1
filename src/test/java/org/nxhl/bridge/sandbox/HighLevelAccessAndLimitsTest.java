package org.nxhl.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HighLevelAccessAndLimitsTest {

    private static final String SEARCH = "{\"locationId\":\"sandbox\",\"pageLimit\":1}";

    private static SandboxServer server;
    private static GhlClient ghl;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.start();
        ghl = new GhlClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.highLevel().reset();
    }

    @Test
    void aMissingOrOtherVersionHeaderAnswers401() throws Exception {
        Map<String, String> missing = GhlClient.defaultHeaders();
        missing.remove("Version");
        Map<String, String> other = GhlClient.defaultHeaders();
        other.put("Version", "2021-04-15");

        TestHttp.Reply withoutVersion = ghl.call("POST", "/contacts/search", missing, SEARCH, false);
        TestHttp.Reply otherVersion = ghl.call("POST", "/contacts/search", other, SEARCH, false);

        assertThat(withoutVersion.status()).isEqualTo(401);
        assertThat(otherVersion.status()).isEqualTo(401);
    }

    @Test
    void anUnknownRevokedOrExpiredTokenAnswersInvalidJwt() throws Exception {
        server.highLevel().registerToken("expired", "sandbox", HighLevelEmulator.DEFAULT_SCOPES,
                Instant.now().minusSeconds(1));
        server.highLevel().registerToken("revoked", "sandbox", HighLevelEmulator.DEFAULT_SCOPES, null);
        server.highLevel().revokeToken("revoked");

        for (String token : new String[] {"nope", "expired", "revoked"}) {
            Map<String, String> headers = GhlClient.defaultHeaders();
            headers.put("Authorization", "Bearer " + token);
            TestHttp.Reply reply = ghl.call("POST", "/contacts/search", headers, SEARCH, true);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("message").asText()).isEqualTo("Invalid JWT");
            assertThat(reply.header("X-RateLimit-Max")).isEqualTo("100");
        }
    }

    @Test
    void aReadOnlyTokenMaySearchButNotWrite() throws Exception {
        server.highLevel().registerToken("reader", "sandbox", Set.of("contacts.readonly"), null);
        Map<String, String> headers = GhlClient.defaultHeaders();
        headers.put("Authorization", "Bearer reader");

        TestHttp.Reply search = ghl.call("POST", "/contacts/search", headers, SEARCH, true);
        TestHttp.Reply write = ghl.call("POST", "/contacts/upsert", headers,
                "{\"locationId\":\"sandbox\",\"email\":\"r@example.com\"}", true);

        assertThat(search.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.json().get("message").asText()).isEqualTo("The token is not authorized for this scope.");
    }

    @Test
    void anotherLocationInTheBodyOrQueryAnswers403() throws Exception {
        TestHttp.Reply body = ghl.call("POST", "/contacts/upsert",
                "{\"locationId\":\"elsewhere\",\"email\":\"x@example.com\"}");
        TestHttp.Reply query = ghl.call("GET", "/contacts/?locationId=elsewhere", null);

        assertThat(body.status()).isEqualTo(403);
        assertThat(query.status()).isEqualTo(403);
    }

    @Test
    void exactlyOneHundredCallsPassInOneWindowAndTheNextGets429() throws Exception {
        for (int i = 1; i <= 100; i++) {
            TestHttp.Reply reply = TestHttp.send("POST", server.baseUrl() + "/sandbox/ghl/contacts/search",
                    GhlClient.defaultHeaders(), SEARCH);
            assertThat(reply.status()).as("call %d", i).isEqualTo(200);
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(100 - i));
            assertThat(reply.header("X-RateLimit-Daily-Remaining")).isEqualTo(String.valueOf(200_000 - i));
            assertThat(reply.header("X-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
            assertThat(reply.header("X-RateLimit-Limit-Daily")).isEqualTo("200000");
        }

        TestHttp.Reply refused = ghl.call("POST", "/contacts/search", SEARCH);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("message").asText()).isEqualTo("Too Many Requests");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(server.highLevel().journal().count("POST", "/contacts/search", 429)).isEqualTo(1);
    }

    @Test
    void theBudgetComesBackWhenTheWindowEnds() throws Exception {
        server.highLevel().setRateLimit(new RateLimitPolicy(2, 300, 1000));
        ghl.call("POST", "/contacts/search", SEARCH);
        ghl.call("POST", "/contacts/search", SEARCH);
        TestHttp.Reply refused = ghl.call("POST", "/contacts/search", SEARCH);
        Thread.sleep(350);
        TestHttp.Reply again = ghl.call("POST", "/contacts/search", SEARCH);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("X-RateLimit-Daily-Remaining")).isEqualTo("997");
    }

    @Test
    void errorFaultsAnswer5xxWithRateHeaders() throws Exception {
        server.highLevel().setFaults(new FaultSettings(0, 0, 1.0, 0, 0, 0, 0));

        TestHttp.Reply reply = ghl.call("POST", "/contacts/upsert",
                "{\"locationId\":\"sandbox\",\"email\":\"f@example.com\"}");

        assertThat(reply.status()).isIn(500, 502, 503);
        assertThat(reply.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(server.highLevel().contacts("sandbox")).isEmpty();
    }

    @Test
    void rateLimitFaultsAnswer429() throws Exception {
        server.highLevel().setFaults(new FaultSettings(0, 0, 0, 1.0, 0, 0, 0));

        TestHttp.Reply reply = ghl.call("POST", "/contacts/search", SEARCH);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("X-RateLimit-Max")).isEqualTo("100");
    }

    @Test
    void dropFaultsCloseTheConnectionWithoutAnAnswer() {
        server.highLevel().setFaults(new FaultSettings(0, 0, 0, 0, 1.0, 0, 0));

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> TestHttp.send("POST", server.baseUrl() + "/sandbox/ghl/contacts/search",
                    GhlClient.defaultHeaders(), SEARCH)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void timeoutFaultsWithholdTheAnswerButCarryOutTheCall() throws Exception {
        server.highLevel().setFaults(new FaultSettings(0, 0, 0, 0, 0, 1.0, 1500));

        assertThatThrownBy(() -> TestHttp.send("POST", server.baseUrl() + "/sandbox/ghl/contacts/upsert",
                GhlClient.defaultHeaders(), "{\"locationId\":\"sandbox\",\"email\":\"slow@example.com\"}",
                Duration.ofMillis(400))).isInstanceOf(HttpTimeoutException.class);
        assertThat(server.highLevel().contacts("sandbox")).hasSize(1);
    }

    @Test
    void latencyFaultsDelayTheAnswer() throws Exception {
        server.highLevel().setFaults(new FaultSettings(1.0, 300, 0, 0, 0, 0, 0));

        long started = System.nanoTime();
        TestHttp.Reply reply = ghl.call("POST", "/contacts/search", SEARCH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void requestHeadersAreNotEchoedBack() throws Exception {
        Map<String, String> headers = GhlClient.defaultHeaders();
        headers.put("X-Secret", "do-not-echo");

        TestHttp.Reply reply = ghl.call("POST", "/contacts/search", headers, SEARCH, true);

        assertThat(reply.header("X-Secret")).isNull();
        assertThat(reply.header("Authorization")).isNull();
        assertThat(reply.header("Version")).isNull();
    }
}
