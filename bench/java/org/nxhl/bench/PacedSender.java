package org.nxhl.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Posts distinct leads at a fixed rate, each at its scheduled time whether or not earlier ones were
 * answered, so a slow bridge cannot slow the sender down and hide its own delay. Writes one line per
 * lead: lead id, email, scheduled send time and answer time (epoch ms), and the HTTP status.
 *
 * <p>Arguments: lead URL, leads per second, count, lead id prefix, lead template, output file.
 */
public final class PacedSender {

    private PacedSender() {
    }

    public static void main(String... args) throws Exception {
        URI url = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int count = Integer.parseInt(args[2]);
        String prefix = args[3];
        ObjectMapper json = new ObjectMapper();
        ObjectNode template = (ObjectNode) json.readTree(Path.of(args[4]).toFile());
        Path out = Path.of(args[5]);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long[] scheduled = new long[count];
        long[] answered = new long[count];
        int[] status = new int[count];
        String[] emails = new String[count];
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            long offsetNanos = (long) (i * 1_000_000_000L / rate);
            long wait = startNanos + offsetNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ObjectNode lead = template.deepCopy();
            // each prefix its own area code, so two runs' people never match by phone
            int area = 200 + Math.floorMod(prefix.hashCode(), 800);
            emails[i] = prefix + "-" + i + "@bench.example.org";
            lead.put("lead_id", prefix + "-" + i).put("email", emails[i])
                    .put("phone", String.format("%03d555%04d", area, i % 10_000));
            scheduled[i] = startMillis + offsetNanos / 1_000_000;
            int n = i;
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(lead.toString())).build();
            all[i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                answered[n] = System.currentTimeMillis();
                status[n] = error == null ? response.statusCode() : -1;
                return null;
            });
        }
        CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int accepted = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int i = 0; i < count; i++) {
                accepted += status[i] / 100 == 2 ? 1 : 0;
                w.println(prefix + "-" + i + "\t" + emails[i] + "\t" + scheduled[i] + "\t" + answered[i] + "\t"
                        + status[i]);
            }
        }
        System.out.printf("sent %d leads in %.1f s, %d answered 2xx%n", count, seconds, accepted);
    }
}
