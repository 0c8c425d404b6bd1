package org.nxhl.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every emulated operation once, each exchange checked against the official spec by {@link GhlClient}. */
class HighLevelContractTest {

    private static SandboxServer server;
    private static GhlClient ghl;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(HighLevelContract.available(),
                "HighLevel's OpenAPI spec is not at " + HighLevelContract.specFile() + " (-Dghl.openapi.dir)");
        server = SandboxServer.start();
        ghl = new GhlClient(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyOperationAnswersWithinTheContract() throws Exception {
        String id = ghl.call("POST", "/contacts/", """
                {"locationId":"sandbox","firstName":"Pat","lastName":"Rivera","email":"pat@example.com",
                 "phone":"+12135550147","address1":"1 Main St","city":"Austin","state":"TX","postalCode":"78701",
                 "source":"networx","tags":["deck"],
                 "customFields":[{"key":"contact.networx_lead_id","field_value":"12345678"}]}""")
                .json().at("/contact/id").asText();
        ghl.call("POST", "/contacts/upsert", """
                {"locationId":"sandbox","email":"pat@example.com","tags":["deck","hot"],
                 "customFields":[{"key":"contact.networx_price","field_value":"12.4"}]}""");
        ghl.call("GET", "/contacts/" + id, null);
        ghl.call("PUT", "/contacts/" + id, "{\"companyName\":\"Rivera Homes\",\"dnd\":false}");
        ghl.call("POST", "/contacts/search", """
                {"locationId":"sandbox","pageLimit":20,"page":1,
                 "filters":[{"field":"dateUpdated","operator":"gte","value":"2020-01-01T00:00:00Z"}],
                 "sort":[{"field":"dateUpdated","direction":"desc"}]}""");
        ghl.call("GET", "/contacts/search/duplicate?locationId=sandbox&email=pat%40example.com", null);
        ghl.call("GET", "/contacts/?locationId=sandbox&limit=10&query=pat", null);
        ghl.call("GET", "/contacts/business/none?locationId=sandbox", null);
        ghl.call("POST", "/contacts/" + id + "/tags", "{\"tags\":[\"estimate\"]}");
        ghl.call("DELETE", "/contacts/" + id + "/tags", "{\"tags\":[\"hot\"]}");
        ghl.call("GET", "/contacts/" + id + "/appointments", null);
        String taskId = ghl.call("POST", "/contacts/" + id + "/tasks",
                "{\"title\":\"Call\",\"body\":\"about the deck\",\"dueDate\":\"2026-12-01T22:00:00Z\",\"completed\":false}")
                .json().at("/task/id").asText();
        ghl.call("GET", "/contacts/" + id + "/tasks", null);
        ghl.call("GET", "/contacts/" + id + "/tasks/" + taskId, null);
        ghl.call("PUT", "/contacts/" + id + "/tasks/" + taskId, "{\"title\":\"Call again\"}");
        ghl.call("PUT", "/contacts/" + id + "/tasks/" + taskId + "/completed", "{\"completed\":true}");
        ghl.call("DELETE", "/contacts/" + id + "/tasks/" + taskId, null);
        String noteId = ghl.call("POST", "/contacts/" + id + "/notes", "{\"body\":\"hello\"}")
                .json().at("/note/id").asText();
        ghl.call("GET", "/contacts/" + id + "/notes", null);
        ghl.call("GET", "/contacts/" + id + "/notes/" + noteId, null);
        ghl.call("PUT", "/contacts/" + id + "/notes/" + noteId, "{\"body\":\"hello again\"}");
        ghl.call("DELETE", "/contacts/" + id + "/notes/" + noteId, null);
        ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"pat@example.com\"}");
        ghl.wrong("POST", "/contacts/" + id + "/tasks", "{\"title\":1,\"dueDate\":\"soon\",\"completed\":\"no\"}");
        ghl.call("DELETE", "/contacts/" + id, null);
        TestHttp.Reply gone = ghl.call("GET", "/contacts/" + id, null);

        assertThat(gone.status()).isEqualTo(400);
        assertThat(server.highLevel().journal().snapshot(false).get("calls").toString()).contains("status=201");
    }

    @Test
    void theContractCatchesAnAnswerOffTheSpec() {
        HighLevelContract contract = HighLevelContract.load();

        assertThatThrownBy(() -> contract.checkResponse("POST", "/contacts/abc/tasks", 422,
                Map.of("Content-Type", List.of("application/json")),
                "{\"statusCode\":422,\"message\":\"title should not be empty\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("message");
        assertThatThrownBy(() -> contract.checkResponse("PUT", "/contacts/abc", 200,
                Map.of("Content-Type", List.of("application/json")), "{\"succeded\":\"yes\"}"))
                .isInstanceOf(AssertionError.class);
    }
}
