package org.nxhl.bridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.Samples;
import org.nxhl.bridge.support.Sandbox;

@Tag("store")
class LeadToContactTest {

    private static RunningBridge bridge;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start();
        sandbox = new Sandbox(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void theSampleLeadBecomesOneTaggedAndNotedContactWithinTwoSecondsAndOnlyOnce() throws Exception {
        Http.Answer delivered = sandbox.deliverLead(Samples.text("lead.json"));
        assertThat(delivered.status()).isEqualTo(200);
        assertThat(delivered.json().path("status").asInt()).isEqualTo(202);

        JsonNode contact = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> withNotes(byPhone("+12135467892")), c -> c != null)
                ;
        assertThat(contact.path("firstName").asText()).isEqualTo("Zapier");
        assertThat(contact.path("lastName").asText()).isEqualTo("Test");
        assertThat(contact.path("email").asText()).isEqualTo("test@networx.com");
        assertThat(contact.path("address1").asText()).isEqualTo("123 Fake Street");
        assertThat(contact.path("city").asText()).isEqualTo("Nowhere");
        assertThat(contact.path("state").asText()).isEqualTo("TK");
        assertThat(contact.path("postalCode").asText()).isEqualTo("00001");
        assertThat(contact.path("source").asText()).isEqualTo("Networx");
        assertThat(texts(contact.path("tags"))).containsExactlyInAnyOrder("networx", "carpentry");
        assertThat(contact.path("notes")).hasSize(1);
        String note = contact.path("notes").get(0).path("body").asText();
        assertThat(note).contains("Test description", "What kind of location is this?", "Home / Residence",
                "12345678", "12.4", "My Plan");

        Http.Answer again = sandbox.deliverLead(Samples.text("lead.json"));
        assertThat(again.json().path("status").asInt()).isEqualTo(200);
        assertThat(again.json().path("response").path("status").asText()).isEqualTo("duplicate");
        Thread.sleep(700);
        List<JsonNode> same = matching("+12135467892");
        assertThat(same).hasSize(1);
        assertThat(same.get(0).path("notes")).hasSize(1);
    }

    @Test
    void aNewLeadForAKnownPersonUpdatesTheContactAddsASecondNoteAndKeepsItsTags() throws Exception {
        ObjectNode first = Samples.object("lead.json");
        first.put("lead_id", "70000001").put("email", "pat.rivera@example.net").put("phone", "2135550147")
                .put("network", "Roofing");
        assertThat(sandbox.deliverLead(first.toString()).json().path("status").asInt()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> withNotes(byPhone("+12135550147")) != null);

        ObjectNode second = first.deepCopy();
        second.put("lead_id", "70000002").put("network", "Decks").put("extra_information", "Second job");
        assertThat(sandbox.deliverLead(second.toString()).json().path("status").asInt()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).until(() -> byPhone("+12135550147").path("notes").size() == 2);
        List<JsonNode> contacts = matching("+12135550147");
        assertThat(contacts).hasSize(1);
        assertThat(texts(contacts.get(0).path("tags"))).contains("networx", "roofing", "decks");
    }

    @Test
    void aLeadForSomeoneAlreadyInHighLevelKeepsTheTagsTheContactHad() throws Exception {
        Http.Answer created = Http.send("POST", bridge.url("/sandbox/ghl/contacts/"),
                "{\"locationId\":\"sandbox\",\"firstName\":\"Dana\",\"email\":\"dana.cole@example.net\","
                        + "\"tags\":[\"vip\",\"existing-customer\"]}",
                "Authorization", "Bearer sandbox-pit", "Version", "2021-07-28", "Content-Type", "application/json");
        assertThat(created.status()).isEqualTo(201);
        String contactId = created.json().path("contact").path("id").asText();

        ObjectNode lead = Samples.object("lead.json");
        lead.put("lead_id", "70000003").put("email", "dana.cole@example.net").put("phone", "2135550148");
        assertThat(sandbox.deliverLead(lead.toString()).json().path("status").asInt()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).until(() -> withNotes(byPhone("+12135550148")) != null);
        JsonNode contact = byPhone("+12135550148");
        assertThat(contact.path("id").asText()).isEqualTo(contactId);
        assertThat(texts(contact.path("tags")))
                .containsExactlyInAnyOrder("vip", "existing-customer", "networx", "carpentry");
    }

    @Test
    void aLeadWithAnAddressHighLevelWouldRefuseStillArrivesWithTheAddressKeptInItsNote() throws Exception {
        ObjectNode lead = Samples.object("lead.json");
        lead.put("lead_id", "70000004").put("email", "jane@gmail").put("phone", "2135550149");
        assertThat(sandbox.deliverLead(lead.toString()).json().path("status").asInt()).isEqualTo(202);

        JsonNode contact = await().atMost(Duration.ofSeconds(5))
                .until(() -> withNotes(byPhone("+12135550149")), c -> c != null);
        assertThat(contact.path("email").isMissingNode() || contact.path("email").isNull()).isTrue();
        assertThat(contact.path("notes").get(0).path("body").asText())
                .contains("Email as sent, not a valid address: jane@gmail");
    }

    private static JsonNode withNotes(JsonNode contact) {
        return contact != null && contact.path("notes").size() > 0 ? contact : null;
    }

    private static JsonNode byPhone(String phone) throws Exception {
        List<JsonNode> found = matching(phone);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<JsonNode> matching(String phone) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode contact : sandbox.contacts("sandbox")) {
            if (phone.equals(contact.path("phone").asText())) {
                found.add(contact);
            }
        }
        return found;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
