package org.nxhl.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BridgeMainTest {

    @Test
    void camelsOwnKeysAreTakenFromTheEnvironmentByTheirVariableNames() throws Exception {
        Map<String, String> overrides = BridgeMain.camelKeysFromTheEnvironment(Map.of(
                "CAMEL_SERVER_PORT", "18085", "CAMEL_MANAGEMENT_PORT", "19885",
                "CAMEL_MAIN_SHUTDOWN_TIMEOUT", "12", "STORE_URL", "jdbc:h2:mem:x", "CAMEL_NOT_A_KEY", "1"));
        assertThat(overrides).containsExactlyInAnyOrderEntriesOf(Map.of("camel.server.port", "18085",
                "camel.management.port", "19885", "camel.main.shutdown-timeout", "12"));
    }
}
