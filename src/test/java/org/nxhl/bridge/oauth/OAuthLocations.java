package org.nxhl.bridge.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nxhl.bridge.support.SandboxProcess;

/** Bridge settings for the OAuth tests: the sandbox's locations, each with a lead URL, no budget to wait on. */
public final class OAuthLocations {

    public static final String[] IDS = {"north", "south", "east", "west"};

    private OAuthLocations() {
    }

    public static String intakeKey(String locationId) {
        return locationId + "-intake-key-5c1e0f9a7d3b";
    }

    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sandbox.ghl.locations", "sandbox:Sandbox Carpentry;north:North Roofing;south:South Decks;"
                + "east:East Fencing;west:West Gutters");
        StringBuilder ids = new StringBuilder("sandbox");
        for (String id : IDS) {
            ids.append(',').append(id);
            settings.put("location." + id + ".intake-key", intakeKey(id));
        }
        settings.put("bridge.locations", ids.toString());
        settings.put("highlevel.rate-limit.max", "100000");
        settings.put("oauth.refresh-margin", "PT1S");
        settings.put("inbox.retry.first", "PT1S");
        return settings;
    }

    /** The same locations for a bridge process of its own against a sandbox in another; no subscribing. */
    public static Map<String, String> against(SandboxProcess sandbox) {
        Map<String, String> settings = settings();
        settings.remove("sandbox.ghl.locations");
        settings.putAll(sandbox.bridgeSettings());
        settings.put("networx.subscribe-on-start", "false");
        return settings;
    }
}
