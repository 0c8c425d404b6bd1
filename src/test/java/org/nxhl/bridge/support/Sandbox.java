package org.nxhl.bridge.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads back what the sandbox holds, through its control API. */
public final class Sandbox {

    private final RunningBridge bridge;

    public Sandbox(RunningBridge bridge) {
        this.bridge = bridge;
    }

    public List<JsonNode> contacts(String locationId) throws Exception {
        Http.Answer answer = Http.get(bridge.url("/sandbox/control/contacts?locationId=" + locationId));
        if (answer.status() != 200) {
            throw new AssertionError("sandbox contacts: " + answer.status() + " " + answer.body());
        }
        List<JsonNode> contacts = new ArrayList<>();
        answer.json().path("contacts").forEach(contacts::add);
        return contacts;
    }

    /** Pushes a lead as Networx would; waits for the bridge's subscription, made just after start-up. */
    public Http.Answer deliverLead(String lead) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        Http.Answer answer = Http.postJson(bridge.url("/sandbox/networx/leads"), lead);
        while (answer.status() == 409 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = Http.postJson(bridge.url("/sandbox/networx/leads"), lead);
        }
        return answer;
    }

    public void reset() throws Exception {
        Http.Answer answer = Http.post(bridge.url("/sandbox/control/reset"), "");
        if (answer.status() / 100 != 2) {
            throw new AssertionError("sandbox reset: " + answer.status() + " " + answer.body());
        }
    }
}
