package org.nxhl.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxControlTest {

    private static SandboxServer server;
    private static GhlClient ghl;
    private static String control;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.start(Map.of("sandbox.ghl.rate-limit.max", "5",
                "sandbox.ghl.custom-fields", "contact.networx_lead_id,contact.color"));
        ghl = new GhlClient(server);
        control = server.baseUrl() + SandboxRoutes.CONTROL_PATH;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() throws Exception {
        TestHttp.send("POST", control + "/reset", Map.of(), null);
    }

    @Test
    void anInputTheSandboxCannotReadIsA400ThatEchoesNoHeader() throws Exception {
        TestHttp.Reply seed = TestHttp.send("POST", control + "/contacts/seed", Map.of("X-Api-Key", "k-123"),
                "{\"locationId\":\"sandbox\",\"count\":1,\"updatedAt\":\"nope\"}");
        assertThat(seed.status()).isEqualTo(400);
        assertThat(seed.json().path("message").asText()).isNotBlank();
        assertThat(seed.header("X-Api-Key")).isNull();
    }

    @Test
    void controlApiSetsLimitsAndFaultsShowsStateAndResetsEverything() throws Exception {
        assertThat(TestHttp.send("GET", control + "/rate-limit", Map.of(), null).json().get("max").asInt())
                .isEqualTo(5);
        TestHttp.Reply limit = TestHttp.send("PUT", control + "/rate-limit", Map.of(),
                "{\"max\":7,\"intervalMs\":1000,\"daily\":50}");
        String contactId = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"c@example.com\","
                + "\"customFields\":[{\"key\":\"contact.color\",\"field_value\":\"red\"}]}").json().at("/contact/id").asText();
        ghl.call("POST", "/contacts/" + contactId + "/notes", "{\"body\":\"hello\"}");
        TestHttp.Reply faults = TestHttp.send("PUT", control + "/faults", Map.of(), "{\"errorShare\":0.25}");

        JsonNode contacts = TestHttp.send("GET", control + "/contacts?locationId=sandbox", Map.of(), null).json();
        JsonNode calls = TestHttp.send("GET", control + "/calls", Map.of(), null).json();
        TestHttp.Reply reset = TestHttp.send("POST", control + "/reset", Map.of(), null);

        assertThat(limit.json().get("max").asInt()).isEqualTo(7);
        assertThat(faults.json().get("errorShare").asDouble()).isEqualTo(0.25);
        assertThat(contacts.at("/contacts/0/notes/0/body").asText()).isEqualTo("hello");
        assertThat(contacts.at("/contacts/0/tasks")).isEmpty();
        assertThat(calls.get("calls").toString()).contains("/contacts/{contactId}/notes");
        assertThat(calls.at("/locations/sandbox").asInt()).isEqualTo(2);
        assertThat(calls.get("acceptedTimestamps")).hasSize(2);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(server.highLevel().rateLimit().max()).isEqualTo(5);
        assertThat(server.highLevel().faults()).isEqualTo(FaultSettings.NONE);
        assertThat(server.highLevel().contacts("sandbox")).isEmpty();
        assertThat(server.highLevel().journal().acceptedCount()).isZero();
    }

    @Test
    void tokensCanBeRegisteredForOtherLocations() throws Exception {
        TestHttp.Reply registered = TestHttp.send("POST", control + "/tokens", Map.of(),
                "{\"token\":\"t2\",\"locationId\":\"loc2\",\"scopes\":\"contacts.readonly contacts.write\"}");
        Map<String, String> headers = GhlClient.defaultHeaders();
        headers.put("Authorization", "Bearer t2");

        TestHttp.Reply created = ghl.call("POST", "/contacts/upsert", headers,
                "{\"locationId\":\"loc2\",\"email\":\"x@example.com\"}", true);

        assertThat(registered.status()).isEqualTo(201);
        assertThat(created.status()).isEqualTo(200);
        assertThat(server.highLevel().contacts("loc2")).hasSize(1);
        assertThat(server.highLevel().contacts("sandbox")).isEmpty();
    }

    @Test
    void theSandboxCanBeSwitchedOff() throws Exception {
        try (SandboxServer off = SandboxServer.start(Map.of("sandbox.enabled", "false"))) {
            TestHttp.Reply reply = TestHttp.send("GET", off.baseUrl() + "/sandbox/control/calls", Map.of(), null);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(off.highLevel()).isNull();
        }
    }
}
