package org.nxhl.bridge.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.nxhl.bridge.inbox.InboxHeaders;

/** HighLevel calls made from Java steps rather than from a flow, through the same client and limits. */
public class HighLevelCalls {

    private final CamelContext camel;
    private final HighLevelClient client;
    private final ObjectMapper json;

    public HighLevelCalls(CamelContext camel, HighLevelClient client, ObjectMapper json) {
        this.camel = camel;
        this.client = client;
        this.json = json;
    }

    /** Sends one call for the location and answers HighLevel's JSON answer. */
    public JsonNode call(String locationId, String method, String path, Object body)
            throws InterruptedException {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(HighLevelHeaders.METHOD, method);
        exchange.getMessage().setHeader(HighLevelHeaders.PATH, path);
        exchange.getMessage().setHeader(InboxHeaders.LOCATION_ID, locationId);
        exchange.getMessage().setBody(body);
        client.send(exchange);
        return json.valueToTree(exchange.getMessage().getBody());
    }
}
