package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One authorised call as an operation sees it. */
record ApiCall(AccessGrant grant, Map<String, String> params, Map<String, String> query, JsonNode body) {

    String locationId() {
        return grant.locationId();
    }

    String param(String name) {
        return params.get(name);
    }

    /** A locationId in the body or query must be the token's own location. */
    void checkLocation(String requested) {
        if (requested != null && !requested.equals(grant.locationId())) {
            throw ApiError.forbidden("The token does not have access to this location.");
        }
    }
}
