package org.nxhl.bridge.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The sandbox's configuration, read from properties; see {@link SandboxRoutes} for the keys. */
record SandboxSettings(boolean enabled, RateLimitPolicy rateLimit, List<String> customFields,
                       List<NetworxUser> networxUsers, Optional<String> webhookUrl,
                       Optional<String> webhookKey) {

    static SandboxSettings read(Function<String, Optional<String>> properties) {
        boolean enabled = Boolean.parseBoolean(properties.apply("sandbox.enabled").orElse("true").trim());
        RateLimitPolicy rate = new RateLimitPolicy(
                Integer.parseInt(value(properties, "sandbox.ghl.rate-limit.max", "100")),
                Long.parseLong(value(properties, "sandbox.ghl.rate-limit.interval-ms", "10000")),
                Integer.parseInt(value(properties, "sandbox.ghl.rate-limit.daily", "200000")));
        List<String> fields = properties.apply("sandbox.ghl.custom-fields")
                .map(text -> Arrays.stream(text.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(HighLevelEmulator.DEFAULT_CUSTOM_FIELDS);
        List<NetworxUser> users = NetworxUser.parse(value(properties, "sandbox.networx.users",
                NetworxEmulator.DEFAULT_USERS));
        return new SandboxSettings(enabled, rate, fields, users,
                optional(properties, "sandbox.ghl.webhooks.url"),
                optional(properties, "sandbox.ghl.webhooks.private-key"));
    }

    private static Optional<String> optional(Function<String, Optional<String>> properties, String key) {
        return properties.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String value(Function<String, Optional<String>> properties, String key, String fallback) {
        return properties.apply(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }
}
