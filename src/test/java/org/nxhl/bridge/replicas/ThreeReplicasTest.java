package org.nxhl.bridge.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.oauth.OAuthLocations;
import org.nxhl.bridge.support.BridgeProcess;
import org.nxhl.bridge.support.LeadSender;
import org.nxhl.bridge.support.Postgres;
import org.nxhl.bridge.support.SandboxOAuth;
import org.nxhl.bridge.support.SandboxProcess;

/**
 * Three bridge processes behind one "Service" (the test spreads leads over them), sharing one
 * PostgreSQL database and one remote sandbox, one of them killed mid-way: the results of one process.
 */
class ThreeReplicasTest {

    private static final String LOCATION = "north";
    private static final long TICK_MS = 3_000;
    private SandboxProcess sandboxProcess;
    private final List<BridgeProcess> replicas = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (BridgeProcess replica : replicas) {
            replica.kill();
        }
        if (sandboxProcess != null) {
            sandboxProcess.kill();
        }
    }

    @Test
    void threeReplicasOneKilledDoEveryLeadOnceRefreshOnceAndReconcileOncePerTick() throws Exception {
        sandboxProcess = SandboxProcess.start();
        SandboxOAuth sandbox = new SandboxOAuth(sandboxProcess.url(""));
        sandbox.unlimitedRate();
        Map<String, String> store = Postgres.storeSettings();
        Map<String, String> settings = OAuthLocations.against(sandboxProcess);
        settings.putAll(store);
        settings.put("inbox.lease", "PT5S");
        settings.put("reconcile.cron", "0/3 * * * * ?");
        settings.put("reconcile.overlap", "PT0S");
        // a run held by the replica that is killed is free again after this
        settings.put("reconcile.lease", "PT6S");
        for (int i = 0; i < 3; i++) {
            replicas.add(BridgeProcess.start(settings));
        }

        // an install whose access token has run out by the time the leads come
        sandbox.accessTokenLifetime(2);
        assertThat(SandboxOAuth.install(replicas.get(0).url(""), LOCATION).body()).contains("connected");
        sandbox.accessTokenLifetime(3600);
        Thread.sleep(2_200);
        long[] ticksBefore = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> reconcileRuns(store), runs -> runs[1] > 0);

        BridgeProcess doomed = replicas.get(2);
        List<BridgeProcess> serving = new CopyOnWriteArrayList<>(replicas);
        AtomicInteger turn = new AtomicInteger();
        String path = "/webhooks/networx/leads/" + OAuthLocations.intakeKey(LOCATION);
        LeadSender sender = new LeadSender(() -> serving.get(Math.floorMod(turn.getAndIncrement(),
                serving.size())).url(path));
        Thread sending = new Thread(() -> {
            try {
                sender.sendAll(1000, 16);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sending.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.accepted() >= 400);
        serving.remove(doomed);
        doomed.kill();
        sending.join(180_000);
        assertThat(sender.accepted()).isEqualTo(1000);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> notes(sandbox.contacts(LOCATION)) == 1000);
        List<JsonNode> contacts = sandbox.contacts(LOCATION);
        assertThat(contacts).hasSize(1000);
        assertThat(contacts).allSatisfy(c -> assertThat(c.path("notes")).hasSize(1));
        assertThat(sandbox.refreshes(LOCATION)).isEqualTo(1);
        assertThat(sandbox.calls("invalid_grant")).isZero();

        // over the whole run no tick ran twice; a tick may pass unrun while a long run still holds the lease
        Thread.sleep(2 * TICK_MS);
        long[] quiet = reconcileRuns(store);
        long ticksDuringLeads = (quiet[1] - ticksBefore[1]) / TICK_MS;
        assertThat(quiet[0] - ticksBefore[0]).as("runs while the leads flowed")
                .isLessThanOrEqualTo(ticksDuringLeads);
        // once the leads are in, at least four ticks with the surviving replicas all firing: one run each
        long[] ticksAfter = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> reconcileRuns(store), runs -> runs[1] - quiet[1] >= 4 * TICK_MS);
        long ticks = (ticksAfter[1] - quiet[1]) / TICK_MS;
        assertThat(ticksAfter[0] - quiet[0]).as("runs across the replicas, one per tick").isEqualTo(ticks);
    }

    private static int notes(List<JsonNode> contacts) {
        return contacts.stream().mapToInt(c -> c.path("notes").size()).sum();
    }

    /** The location's reconciliation runs so far and the last tick served. */
    private static long[] reconcileRuns(Map<String, String> store) throws Exception {
        try (Connection c = DriverManager.getConnection(store.get("store.url"), store.get("store.user"),
                store.get("store.password")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT runs, last_tick FROM reconcile_checkpoint WHERE location_id = '"
                     + LOCATION + "'")) {
            List<long[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
            assertThat(rows).as("the location's reconciliation has run").hasSize(1);
            return rows.get(0);
        }
    }
}
