package org.nxhl.bridge;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/** Typed reads of application.properties; every key can be overridden from the environment. */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("missing setting " + key));
    }

    public int integer(String key, int fallback) {
        return optional(key).map(Integer::parseInt).orElse(fallback);
    }

    public boolean flag(String key, boolean fallback) {
        return optional(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return optional(key).map(Duration::parse).orElse(fallback);
    }

    public List<String> list(String key) {
        return optional(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList()).orElse(List.of());
    }
}
