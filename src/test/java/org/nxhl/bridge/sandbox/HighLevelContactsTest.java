package org.nxhl.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HighLevelContactsTest {

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
    void createAnswers201WithAHighLevelShapedContact() throws Exception {
        TestHttp.Reply reply = ghl.call("POST", "/contacts/", """
                {"locationId":"sandbox","firstName":"Pat","lastName":"Rivera","email":"Pat@Example.com",
                 "phone":"(213) 555-0147","tags":[" Deck ","deck","Lead"],"source":"networx"}""");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode contact = reply.json().get("contact");
        assertThat(contact.get("id").asText()).matches("[A-Za-z0-9]{20}");
        assertThat(contact.get("locationId").asText()).isEqualTo("sandbox");
        assertThat(contact.get("phone").asText()).isEqualTo("+12135550147");
        assertThat(contact.get("tags")).extracting(JsonNode::asText).containsExactly("deck", "lead");
        assertThat(contact.get("dateAdded").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(contact.get("name").asText()).isEqualTo("Pat Rivera");
    }

    @Test
    void createOfADuplicateAnswers400NamingTheExistingContact() throws Exception {
        String id = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"firstName\":\"Pat\","
                + "\"email\":\"pat@example.com\",\"phone\":\"2135550147\"}").json().at("/contact/id").asText();

        TestHttp.Reply byEmail = ghl.call("POST", "/contacts/",
                "{\"locationId\":\"sandbox\",\"email\":\"PAT@example.com\"}");
        TestHttp.Reply byPhone = ghl.call("POST", "/contacts/",
                "{\"locationId\":\"sandbox\",\"phone\":\"+1 213 555 0147\"}");

        assertThat(byEmail.status()).isEqualTo(400);
        assertThat(byEmail.json().get("message").asText()).isEqualTo("This location does not allow duplicated contacts.");
        assertThat(byEmail.json().at("/meta/contactId").asText()).isEqualTo(id);
        assertThat(byEmail.json().at("/meta/matchingField").asText()).isEqualTo("email");
        assertThat(byEmail.json().at("/meta/contactName").asText()).isEqualTo("Pat");
        assertThat(byPhone.status()).isEqualTo(400);
        assertThat(byPhone.json().at("/meta/matchingField").asText()).isEqualTo("phone");
    }

    @Test
    void upsertMatchesByEmailIgnoringCaseAndReplacesTagsButKeepsOtherFields() throws Exception {
        TestHttp.Reply first = ghl.call("POST", "/contacts/upsert", """
                {"locationId":"sandbox","firstName":"Pat","email":"pat@example.com","city":"Austin",
                 "tags":["a","b"],"customFields":[{"key":"contact.networx_lead_id","field_value":"111"}]}""");
        TestHttp.Reply second = ghl.call("POST", "/contacts/upsert", """
                {"locationId":"sandbox","email":"PAT@EXAMPLE.COM","lastName":"Rivera","tags":["c"],
                 "customFields":[{"key":"networx_price","value":"12.4"}]}""");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("new").asBoolean()).isTrue();
        assertThat(first.json().get("traceId").asText()).isNotBlank();
        assertThat(second.json().get("new").asBoolean()).isFalse();
        JsonNode contact = second.json().get("contact");
        assertThat(contact.get("id")).isEqualTo(first.json().at("/contact/id"));
        assertThat(contact.get("city").asText()).isEqualTo("Austin");
        assertThat(contact.get("firstName").asText()).isEqualTo("Pat");
        assertThat(contact.get("lastName").asText()).isEqualTo("Rivera");
        assertThat(contact.get("tags")).extracting(JsonNode::asText).containsExactly("c");
        String priceId = server.highLevel().customFieldIds("sandbox").get("contact.networx_price");
        assertThat(contact.get("customFields")).hasSize(1);
        assertThat(contact.at("/customFields/0/id").asText()).isEqualTo(priceId);
        assertThat(contact.at("/customFields/0/value").asText()).isEqualTo("12.4");
    }

    @Test
    void upsertFallsBackToThePhoneWhenNoEmailMatches() throws Exception {
        String id = ghl.call("POST", "/contacts/upsert",
                "{\"locationId\":\"sandbox\",\"phone\":\"2135550147\"}").json().at("/contact/id").asText();

        TestHttp.Reply reply = ghl.call("POST", "/contacts/upsert",
                "{\"locationId\":\"sandbox\",\"phone\":\"+12135550147\",\"email\":\"new@example.com\"}");

        assertThat(reply.json().get("new").asBoolean()).isFalse();
        assertThat(reply.json().at("/contact/id").asText()).isEqualTo(id);
        assertThat(reply.json().at("/contact/email").asText()).isEqualTo("new@example.com");
    }

    @Test
    void anUnknownCustomFieldKeyAnswers422WithAMessageArray() throws Exception {
        TestHttp.Reply reply = ghl.call("POST", "/contacts/upsert", """
                {"locationId":"sandbox","email":"a@example.com",
                 "customFields":[{"key":"contact.nope","field_value":"x"}]}""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("message").isArray()).isTrue();
        assertThat(reply.json().get("error").asText()).isEqualTo("Unprocessable Entity");
        assertThat(ghl.call("POST", "/contacts/search",
                "{\"locationId\":\"sandbox\",\"pageLimit\":10}").json().get("total").asInt()).isZero();
    }

    @Test
    void getUpdateAndDeleteWorkOnOneContact() throws Exception {
        String id = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"firstName\":\"Pat\","
                + "\"tags\":[\"x\"]}").json().at("/contact/id").asText();

        TestHttp.Reply updated = ghl.call("PUT", "/contacts/" + id, "{\"city\":\"Reno\",\"tags\":[\"y\"]}");
        TestHttp.Reply read = ghl.call("GET", "/contacts/" + id, null);
        TestHttp.Reply deleted = ghl.call("DELETE", "/contacts/" + id, null);
        TestHttp.Reply gone = ghl.call("GET", "/contacts/" + id, null);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("succeded").asBoolean()).isTrue();
        assertThat(read.json().at("/contact/city").asText()).isEqualTo("Reno");
        assertThat(read.json().at("/contact/firstName").asText()).isEqualTo("Pat");
        assertThat(read.json().at("/contact/tags")).extracting(JsonNode::asText).containsExactly("y");
        assertThat(deleted.json().get("succeded").asBoolean()).isTrue();
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.json().get("message").asText()).isEqualTo("Contact not found");
    }

    @Test
    void updateRefusesALocationIdInTheBody() throws Exception {
        String id = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"firstName\":\"Pat\"}")
                .json().at("/contact/id").asText();

        TestHttp.Reply reply = ghl.wrong("PUT", "/contacts/" + id, "{\"locationId\":\"sandbox\"}");

        assertThat(reply.status()).isEqualTo(422);
    }

    @Test
    void malformedJsonAnswers400() throws Exception {
        TestHttp.Reply reply = ghl.wrong("POST", "/contacts/upsert", "{\"locationId\":");

        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void searchPagesSortsAndHandsOutSearchAfterCursors() throws Exception {
        for (int i = 0; i < 7; i++) {
            ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"p" + i + "@example.com\"}");
            Thread.sleep(2);
        }
        List<String> seen = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            String cursor = after == null ? "" : ",\"searchAfter\":" + after;
            JsonNode page = ghl.call("POST", "/contacts/search", "{\"locationId\":\"sandbox\",\"pageLimit\":3,"
                    + "\"sort\":[{\"field\":\"dateAdded\",\"direction\":\"asc\"}]" + cursor + "}").json();
            assertThat(page.get("total").asInt()).isEqualTo(7);
            if (page.get("contacts").isEmpty()) {
                break;
            }
            page.get("contacts").forEach(c -> seen.add(c.get("email").asText()));
            after = page.get("contacts").get(page.get("contacts").size() - 1).get("searchAfter");
        }

        assertThat(seen).containsExactly("p0@example.com", "p1@example.com", "p2@example.com",
                "p3@example.com", "p4@example.com", "p5@example.com", "p6@example.com");
    }

    @Test
    void searchFiltersOnDateUpdatedEmailAndTags() throws Exception {
        ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"old@example.com\"}");
        Thread.sleep(20);
        String since = java.time.Instant.now().toString();
        ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"new@example.com\",\"tags\":[\"hot\"]}");

        JsonNode recent = ghl.call("POST", "/contacts/search", "{\"locationId\":\"sandbox\",\"pageLimit\":10,"
                + "\"filters\":[{\"field\":\"dateUpdated\",\"operator\":\"range\",\"value\":{\"gte\":\"" + since
                + "\"}}]}").json();
        JsonNode byEmail = ghl.call("POST", "/contacts/search", "{\"locationId\":\"sandbox\",\"pageLimit\":10,"
                + "\"filters\":[{\"field\":\"email\",\"operator\":\"eq\",\"value\":\"OLD@example.com\"}]}").json();
        JsonNode byTag = ghl.call("POST", "/contacts/search", "{\"locationId\":\"sandbox\",\"pageLimit\":10,"
                + "\"filters\":[{\"field\":\"tags\",\"operator\":\"eq\",\"value\":\"hot\"}]}").json();

        assertThat(recent.get("contacts")).extracting(c -> c.get("email").asText()).containsExactly("new@example.com");
        assertThat(byEmail.get("contacts")).extracting(c -> c.get("email").asText()).containsExactly("old@example.com");
        assertThat(byTag.get("total").asInt()).isEqualTo(1);
    }

    @Test
    void searchWithoutPageLimitOrBeyondTenThousandRecordsAnswers422() throws Exception {
        TestHttp.Reply missing = ghl.call("POST", "/contacts/search", "{\"query\":\"x\"}");
        TestHttp.Reply deep = ghl.call("POST", "/contacts/search",
                "{\"locationId\":\"sandbox\",\"pageLimit\":100,\"page\":101}");
        TestHttp.Reply edge = ghl.call("POST", "/contacts/search",
                "{\"locationId\":\"sandbox\",\"pageLimit\":100,\"page\":100}");

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("message")).hasSize(2);
        assertThat(deep.status()).isEqualTo(422);
        assertThat(deep.json().get("message").get(0).asText()).contains("searchAfter");
        assertThat(edge.status()).isEqualTo(200);
    }

    @Test
    void duplicateLookupFindsByEmailOrNumber() throws Exception {
        String id = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"pat@example.com\","
                + "\"phone\":\"2135550147\"}").json().at("/contact/id").asText();

        JsonNode byEmail = ghl.call("GET", "/contacts/search/duplicate?locationId=sandbox&email=PAT%40example.com",
                null).json();
        JsonNode byNumber = ghl.call("GET", "/contacts/search/duplicate?locationId=sandbox&number=%2B12135550147",
                null).json();
        JsonNode none = ghl.call("GET", "/contacts/search/duplicate?locationId=sandbox&email=x%40example.com",
                null).json();

        assertThat(byEmail.at("/contact/id").asText()).isEqualTo(id);
        assertThat(byNumber.at("/contact/id").asText()).isEqualTo(id);
        assertThat(none.get("contact").isNull()).isTrue();
    }

    @Test
    void deprecatedListPagesWithStartAfterId() throws Exception {
        for (int i = 0; i < 3; i++) {
            ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"l" + i + "@example.com\"}");
        }

        JsonNode first = ghl.call("GET", "/contacts/?locationId=sandbox&limit=2", null).json();
        String after = first.at("/meta/startAfterId").asText();
        JsonNode second = ghl.call("GET", "/contacts/?locationId=sandbox&limit=2&startAfterId=" + after, null).json();
        TestHttp.Reply noLocation = ghl.wrong("GET", "/contacts/", null);

        assertThat(first.get("contacts")).hasSize(2);
        assertThat(first.at("/meta/total").asInt()).isEqualTo(3);
        assertThat(second.get("contacts")).extracting(c -> c.get("email").asText()).containsExactly("l2@example.com");
        assertThat(noLocation.status()).isEqualTo(422);
    }

    @Test
    void contactsOfABusinessAreListed() throws Exception {
        ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"b@example.com\"}");
        String id = ghl.call("POST", "/contacts/", "{\"locationId\":\"sandbox\",\"email\":\"c@example.com\"}")
                .json().at("/contact/id").asText();
        server.highLevel().handle("PUT", "/contacts/" + id, null, GhlClient.defaultHeaders(),
                "{\"businessId\":\"biz1\"}".getBytes());

        JsonNode reply = ghl.call("GET", "/contacts/business/biz1?locationId=sandbox", null).json();

        assertThat(reply.get("count").asInt()).isEqualTo(1);
        assertThat(reply.at("/contacts/0/id").asText()).isEqualTo(id);
    }
}
