package org.nxhl.bridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;

@Tag("store")
class LeadIntakeTest {

    private static final String KEY = "intake-test-key-7d1e0a9c5b2f48e6";
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(java.util.Map.of(
                "location.sandbox.intake-key", KEY,
                "intake.max-body-bytes", "4096",
                "networx.subscribe-on-start", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    private static String leadUrl(String key) {
        return bridge.url("/webhooks/networx/leads/" + key);
    }

    @Test
    void aLeadIsStoredThenAnsweredAndARepeatIsADuplicate() throws Exception {
        String lead = Samples.object("lead.json").put("lead_id", "intake-1").toString();
        Http.Answer first = Http.postJson(leadUrl(KEY), lead);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("status").asText()).isEqualTo("accepted");
        long stored = inboxRows();
        Http.Answer again = Http.postJson(leadUrl(KEY), lead);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(inboxRows()).isEqualTo(stored);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAndNothingIsStored() throws Exception {
        assertRefused(() -> Http.postJson(leadUrl(KEY), "{not json"), 400, "malformed_json");
    }

    @Test
    void aJsonArrayIsRefused() throws Exception {
        assertRefused(() -> Http.postJson(leadUrl(KEY), "[1,2]"), 400, "not_an_object");
    }

    @Test
    void aWrongContentTypeIsRefused() throws Exception {
        assertRefused(() -> Http.post(leadUrl(KEY), Samples.text("lead.json"), "Content-Type", "text/plain"),
                415, "unsupported_media_type");
    }

    @Test
    void aLeadWithoutLeadIdIsRefused() throws Exception {
        String lead = Samples.object("lead.json").without("lead_id").toString();
        assertRefused(() -> Http.postJson(leadUrl(KEY), lead), 422, "missing_lead_id");
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        String lead = Samples.object("lead.json").put("extra_information", "x".repeat(5000)).toString();
        assertRefused(() -> Http.postJson(leadUrl(KEY), lead), 413, "body_too_large");
    }

    @Test
    void aLeadIdWithControlOrFormattingCharactersIsRefused() throws Exception {
        for (String id : new String[] {"new\nline", "bidi\u202Eid", "tab\tid"}) {
            String lead = Samples.object("lead.json").put("lead_id", id).toString();
            assertRefused(() -> Http.postJson(leadUrl(KEY), lead), 422, "invalid_lead_id");
        }
    }

    @Test
    void trailingTextAndKeysGivenTwiceAreRefused() throws Exception {
        assertRefused(() -> Http.postJson(leadUrl(KEY), "{\"lead_id\":\"t1\"} junk"), 400, "malformed_json");
        assertRefused(() -> Http.postJson(leadUrl(KEY), "{\"lead_id\":\"t2\",\"lead_id\":\"t3\"}"), 400,
                "malformed_json");
    }

    @Test
    void aNulCharacterIsRefused() throws Exception {
        String lead = Samples.object("lead.json").put("lead_id", "nul-1").put("city", "a\u0000b").toString();
        assertRefused(() -> Http.postJson(leadUrl(KEY), lead), 400, "nul_character");
    }

    @Test
    void anyMethodButPostIsRefusedWithJson() throws Exception {
        assertRefused(() -> Http.send("GET", leadUrl(KEY), null), 405, "method_not_allowed");
        assertRefused(() -> Http.send("PUT", leadUrl(KEY), Samples.text("lead.json"), "Content-Type",
                "application/json"), 405, "method_not_allowed");
    }

    @Test
    void anUnknownKeyIsRefused() throws Exception {
        assertRefused(() -> Http.postJson(leadUrl("intake-test-key-7d1e0a9c5b2f48e7"), Samples.text("lead.json")),
                404, "unknown_key");
    }

    @Test
    void noRequestHeaderIsEchoedBack() throws Exception {
        String lead = Samples.object("lead.json").put("lead_id", "intake-echo").toString();
        for (Http.Answer answer : new Http.Answer[] {
            Http.postJson(leadUrl(KEY), lead, "Authorization", "Bearer probe-secret", "X-Probe", "probe-value"),
            Http.postJson(leadUrl("nope-nope-nope-nope-nope-nope"), lead, "X-Probe", "probe-value"),
            Http.postJson(leadUrl(KEY), "{oops", "X-Probe", "probe-value")}) {
            answer.headers().forEach((name, values) -> {
                assertThat(name.toLowerCase(Locale.ROOT)).isNotIn("authorization", "x-probe", "key");
                assertThat(values).noneMatch(v -> v.contains("probe"));
            });
        }
    }

    private static void assertRefused(Request request, int status, String error) throws Exception {
        long before = inboxRows();
        Http.Answer answer = request.send();
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().path("error").asText()).isEqualTo(error);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(inboxRows()).isEqualTo(before);
    }

    @FunctionalInterface
    private interface Request {
        Http.Answer send() throws Exception;
    }

    private static long inboxRows() throws Exception {
        try (Connection c = bridge.bean("database", Database.class).connection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox_event WHERE source = 'networx'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
