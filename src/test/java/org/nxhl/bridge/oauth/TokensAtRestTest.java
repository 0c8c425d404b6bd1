package org.nxhl.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.highlevel.HighLevelHeaders;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;
import org.nxhl.bridge.support.SandboxOAuth;

@Tag("store")
class TokensAtRestTest {

    @Test
    void noTokenIsFoundInClearTextInAnyTableColumnOrInTheDatabaseFile() throws Exception {
        Map<String, String> settings = OAuthLocations.settings();
        boolean postgres = "postgres".equals(System.getProperty("test.store"));
        Path dir = Files.createTempDirectory("tokens-at-rest");
        if (!postgres) {
            settings.put("store.url", "jdbc:h2:file:" + dir.resolve("bridge"));
        }
        Set<String> tokens = new LinkedHashSet<>();
        try (RunningBridge bridge = RunningBridge.start(settings)) {
            SandboxOAuth sandbox = new SandboxOAuth(bridge.url(""));
            sandbox.accessTokenLifetime(2);
            Http.Answer page = SandboxOAuth.install(bridge.url(""), "north");
            sandbox.accessTokenLifetime(3600);
            TokenStore store = bridge.bean("tokenStore", TokenStore.class);
            StoredToken installed = store.find("north").orElseThrow();
            Thread.sleep(2_200);
            bridge.bean("highLevel", HighLevelClient.class).send(search(bridge));
            StoredToken refreshed = store.find("north").orElseThrow();
            assertThat(refreshed.generation()).isEqualTo(installed.generation() + 1);
            Stream.of(installed, refreshed).forEach(t -> {
                tokens.add(t.accessToken());
                tokens.add(t.refreshToken());
            });
            assertThat(tokens).hasSize(4).allSatisfy(t -> assertThat(page.body()).doesNotContain(t));

            List<String> values = textValues(bridge.bean("database", Database.class));
            assertThat(values).contains("north");
            for (String token : tokens) {
                assertThat(values).noneMatch(v -> v.contains(token));
            }
        }
        if (!postgres) {
            byte[] file = Files.readAllBytes(dir.resolve("bridge.mv.db"));
            String bytes = new String(file, StandardCharsets.ISO_8859_1);
            assertThat(bytes).contains("oauth_token".toUpperCase());
            for (String token : tokens) {
                assertThat(bytes).doesNotContain(token);
            }
        }
    }

    /** Every value of every text column of every table of the bridge's schema. */
    private static List<String> textValues(Database db) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = db.isPostgres() ? "public" : "PUBLIC";
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, "%", "%")) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    if (type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB
                            || type == Types.LONGVARCHAR || type == Types.NVARCHAR) {
                        columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            assertThat(columns).extracting(col -> col[1].toLowerCase())
                    .contains("access_token", "refresh_token");
            for (String[] column : columns) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\"")) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            values.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return values;
    }

    private static org.apache.camel.Exchange search(RunningBridge bridge) {
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(bridge.camel());
        exchange.getMessage().setHeader(HighLevelHeaders.METHOD, "POST");
        exchange.getMessage().setHeader(HighLevelHeaders.PATH, "/contacts/search");
        exchange.getMessage().setHeader(InboxHeaders.LOCATION_ID, "north");
        exchange.getMessage().setBody(Map.of("locationId", "north", "pageLimit", 10));
        return exchange;
    }
}
