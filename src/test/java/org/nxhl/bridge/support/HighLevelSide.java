package org.nxhl.bridge.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.nxhl.bridge.sandbox.WebhookEmitter;
import org.nxhl.bridge.store.Database;

/**
 * The HighLevel side of a running bridge's sandbox as a test sees it: its API with the sandbox token,
 * the webhooks it emits, the callbacks that reached the Networx side, and the bridge's inbox.
 */
public final class HighLevelSide {

    public static final String LOCATION = "sandbox";
    private final RunningBridge bridge;

    public HighLevelSide(RunningBridge bridge) {
        this.bridge = bridge;
    }

    public Http.Answer api(String method, String path, String body) throws Exception {
        return Http.send(method, bridge.url("/sandbox/ghl" + path), body, "Authorization",
                "Bearer sandbox-pit",
                "Version", "2021-07-28", "Content-Type", "application/json", "Accept", "application/json");
    }

    public JsonNode ok(String method, String path, String body) throws Exception {
        Http.Answer answer = api(method, path, body);
        if (answer.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + ": " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /** Creates a contact through the API and answers its id. */
    public String createContact(String email, String... tags) throws Exception {
        String body = "{\"locationId\":\"" + LOCATION + "\",\"firstName\":\"Test\",\"email\":\"" + email
                + "\",\"tags\":" + Http.JSON.writeValueAsString(tags) + "}";
        return ok("POST", "/contacts/", body).path("contact").path("id").asText();
    }

    public void setJobStatus(String contactId, String status) throws Exception {
        ok("PUT", "/contacts/" + contactId,
                "{\"customFields\":[{\"key\":\"contact.job_status\",\"field_value\":\"" + status + "\"}]}");
    }

    public List<String> tags(String contactId) throws Exception {
        List<String> tags = new ArrayList<>();
        ok("GET", "/contacts/" + contactId, null).path("contact").path("tags").forEach(
                t -> tags.add(t.asText()));
        return tags;
    }

    public JsonNode webhooks(String settings) throws Exception {
        Http.Answer answer = settings == null ? Http.get(bridge.url("/sandbox/control/webhooks"))
                : Http.send("PUT", bridge.url("/sandbox/control/webhooks"), settings, "Content-Type",
                "application/json");
        return answer.json();
    }

    /** Callbacks the Networx side received, oldest first, of one type. */
    public List<JsonNode> callbacks(String type) throws Exception {
        List<JsonNode> callbacks = new ArrayList<>();
        Http.get(bridge.url("/sandbox/networx/callbacks?type=" + type)).json().path("callbacks")
                .forEach(callbacks::add);
        return callbacks;
    }

    public List<JsonNode> callbacksAbout(String type, String contactId) throws Exception {
        return callbacks(type).stream()
                .filter(c -> contactId.equals(c.path("json").path("data").path("contactId").asText()))
                .toList();
    }

    /** True when the sandbox has no webhook in flight and the inbox has nothing left to do. */
    public boolean idle() throws Exception {
        return webhooks(null).path("pending").asLong() == 0 && unfinished() == 0;
    }

    public int unfinished() throws Exception {
        return count("SELECT COUNT(*) FROM inbox_event WHERE status IN ('pending', 'processing')");
    }

    public int count(String sql, String... args) throws Exception {
        try (Connection c = bridge.bean("database", Database.class).connection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** status and outcome (or last error) of the inbox event with this idempotency key. */
    public String eventState(String key) throws Exception {
        try (Connection c = bridge.bean("database", Database.class).connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT status, outcome, last_error FROM inbox_event WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + ": " + (rs.getString(2) != null ? rs.getString(2)
                        : rs.getString(3)) : null;
            }
        }
    }

    /** Signs as the sandbox's HighLevel does, with its default key. */
    public static String sandboxSignature(String body) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(WebhookEmitter.DEFAULT_PRIVATE_KEY)));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
