package org.nxhl.bridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.Samples;

class JsonLogsTest {

    private static final String KEY = "sandbox-0f6c2b9e4d7a41c8b35e";

    @Test
    void withLogFormatJsonEveryLineTheBridgeWritesIsOneJsonObject() throws Exception {
        BridgeProcess bridge = BridgeProcess.start(Map.of("LOG_FORMAT", "json",
                "networx.subscribe-on-start", "false"));
        try {
            Http.Answer stored = Http.postJson(bridge.url("/webhooks/networx/leads/" + KEY),
                    Samples.text("lead.json"));
            assertThat(stored.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(bridge.log()).contains("lead 1"));
        } finally {
            bridge.stop();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(bridge.log())) {
            lines.add(Http.JSON.readTree(line));
        }
        assertThat(lines).hasSizeGreaterThan(3).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.path("loggerName").asText()).isNotEmpty();
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText())
                .startsWith("lead 12345678 → contact ").endsWith("note added"));
        assertThat(lines).noneSatisfy(line -> assertThat(line.has("arguments")).isTrue());
    }
}
