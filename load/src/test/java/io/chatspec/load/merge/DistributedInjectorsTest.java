package io.chatspec.load.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.protocol.Json;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.store.InMemoryChatStore;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

/**
 * The distributed-injector path end to end, as {@code scripts/distributed-local.sh} runs it by hand: one reference
 * server (here in the test JVM), three Gatling injector processes of {@code PrivateChatSimulation} against it with
 * one shared run id and output folder, then {@link HdrMerge} over their HdrHistogram interval logs.
 *
 * <p>The injectors run different loads on purpose (2, 4 and 6 users, 10 messages each), so a merge that dropped,
 * duplicated or substituted an injector gets the counts wrong, and one that averaged percentiles or rates gets
 * them wrong too: every merged figure is checked against a recomputation from the three injectors' own logs
 * and summaries.
 */
public class DistributedInjectorsTest {
    private static final int INJECTORS = 3;
    private static final int MESSAGES_PER_USER = 10;
    private static final String SIMULATION = "PrivateChatSimulation";
    private static final long TIMEOUT_SECONDS = 120;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** Injector i runs 2(i+1) users at 20(i+1) msg/s for 1 s: {@value #MESSAGES_PER_USER} messages per user. */
    private static int users(int injector) {
        return 2 * (injector + 1);
    }

    @Test
    public void threeInjectorsAgainstOneServerMergeToTheSumOfTheirOwnFigures() throws Exception {
        String runId = "dist" + Long.toString(System.currentTimeMillis(), 36);
        Path out = Path.of(System.getProperty("chatspec.test.results", "target/gatling-test"))
                .resolve("distributed-" + runId).toAbsolutePath();
        Files.createDirectories(out);
        InMemoryChatStore store = new InMemoryChatStore();

        try (ReferenceServer server = ReferenceServer.start(ServerConfig.ephemeral(), store)) {
            String target = "127.0.0.1:" + server.port();
            List<Process> injectors = new ArrayList<>();
            try {
                for (int i = 0; i < INJECTORS; i++) {
                    injectors.add(launch(i, target, runId, out));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                for (int i = 0; i < INJECTORS; i++) {
                    Process p = injectors.get(i);
                    if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        fail("injector " + i + " still running after " + TIMEOUT_SECONDS + " s; log: "
                                + tail(out.resolve("injector-" + i + ".log")));
                    }
                    assertEquals(p.exitValue(), 0, "injector " + i + " exit status; log: "
                            + tail(out.resolve("injector-" + i + ".log")));
                }
            } finally {
                for (Process p : injectors) {
                    if (p.isAlive()) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                }
            }
            // the one server saw every injector's users, under the shared run id and each injector's own index
            for (int i = 0; i < INJECTORS; i++) {
                String last = runId + "i" + i + "-u" + (users(i) - 1);
                assertTrue(server.inspect(d -> store.userExists(last)), last + " registered on the shared server");
            }
        }

        // each injector's own figures: its interval log and its JSON summary
        List<Map<String, Histogram>> own = new ArrayList<>();
        List<JsonNode> summaries = new ArrayList<>();
        Map<String, long[]> span = new TreeMap<>();
        for (int i = 0; i < INJECTORS; i++) {
            Path hlog = out.resolve("hdr").resolve(SIMULATION + "-" + i + ".hlog");
            assertTrue(Files.isRegularFile(hlog), "interval log of injector " + i + " at " + hlog);
            Map<String, Histogram> byTag = new TreeMap<>();
            HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            for (EncodableHistogram e; (e = reader.nextIntervalHistogram()) != null; ) {
                Histogram h = (Histogram) e;
                String tag = LoadMetrics.fromTag(h.getTag());
                byTag.computeIfAbsent(tag, t -> new Histogram(LoadMetrics.HIGHEST_MICROS, 3)).add(h);
                span.merge(tag, new long[]{h.getStartTimeStamp(), h.getEndTimeStamp()},
                        (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
            own.add(byTag);
            summaries.add(Json.MAPPER.readTree(out.resolve(SIMULATION + "-" + i + ".json").toFile()));
            assertEquals(summaries.get(i).path("target").asText(), summaries.get(0).path("target").asText(),
                    "every injector against the same server");
        }

        HdrMerge merge = new HdrMerge();
        for (Path p : HdrMerge.expand(List.of(out.resolve("hdr")))) {
            merge.add(p);
        }
        String report = merge.report();
        JsonNode mergedJson = Json.MAPPER.readTree(merge.write(out.resolve("merged.md")).toFile());
        assertEquals(mergedJson.path("simulation").asText(), SIMULATION);
        assertEquals(mergedJson.path("injectors").size(), INJECTORS, mergedJson.toString());
        long delivered = 0;
        for (JsonNode summary : summaries) {
            delivered += summary.path("deliveries").path("delivered").asLong();
        }
        assertEquals(mergedJson.path("deliveries").path("delivered").asLong(), delivered,
                "merged.json sums the injectors' delivery counters");
        assertTrue(report.startsWith("# Merged load report: " + INJECTORS + " injector logs"),
                "all " + INJECTORS + " interval logs merged:\n" + report);

        // the loads differ per injector, so these totals hold only if all three are in, each once
        int allUsers = 0;
        for (int i = 0; i < INJECTORS; i++) {
            allUsers += users(i);
        }
        assertEquals(merge.merged(LoadMetrics.OK + "private_chat").getTotalCount(),
                (long) allUsers * MESSAGES_PER_USER, report);
        assertEquals(merge.merged(LoadMetrics.OK + "deliver private_chat").getTotalCount(),
                (long) allUsers * MESSAGES_PER_USER, report);
        assertEquals(merge.merged(LoadMetrics.OK + "register").getTotalCount(), allUsers, report);

        TreeSet<String> tags = new TreeSet<>();
        own.forEach(m -> tags.addAll(m.keySet()));
        boolean averageWouldDiffer = false;
        for (String tag : tags) {
            assertTrue(tag.startsWith(LoadMetrics.OK), "no KO outcomes in any injector, got " + tag);
            String name = tag.substring(LoadMetrics.OK.length());
            Histogram union = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            long summed = 0;
            double[] averagedPercentiles = new double[PERCENTILES.length];
            for (int i = 0; i < INJECTORS; i++) {
                Histogram h = own.get(i).get(tag);
                JsonNode summary = summaries.get(i).path("requests").path(name);
                long count = h == null ? 0 : h.getTotalCount();
                assertEquals(summary.path("ok").asLong(0), count, "injector " + i + " summary vs its log for " + name);
                summed += summary.path("ok").asLong(0);
                if (h != null) {
                    union.add(h);
                    for (int p = 0; p < PERCENTILES.length; p++) {
                        averagedPercentiles[p] += h.getValueAtPercentile(PERCENTILES[p]) / (double) INJECTORS;
                    }
                }
            }
            Histogram merged = merge.merged(tag);
            assertNotNull(merged, "merged " + name);
            assertEquals(merged.getTotalCount(), summed, "merged count of " + name + " = sum of the injectors'");
            for (int p = 0; p < PERCENTILES.length; p++) {
                assertEquals(merged.getValueAtPercentile(PERCENTILES[p]), union.getValueAtPercentile(PERCENTILES[p]),
                        "p" + PERCENTILES[p] + " of " + name + ": that of all three injectors' samples together");
                averageWouldDiffer |= Math.abs(averagedPercentiles[p] - union.getValueAtPercentile(PERCENTILES[p]))
                        > 1;
            }
            assertEquals(merged.getMaxValue(), union.getMaxValue(), "max of " + name);
            // merged.json: the same request format as one injector's summary, with the merged figures
            JsonNode mergedRequest = mergedJson.path("requests").path(name);
            assertEquals(fieldNames(mergedRequest), fieldNames(summaries.get(0).path("requests").path(name)),
                    "merged.json and a run summary describe " + name + " alike");
            assertEquals(mergedRequest.path("ok").asLong(), summed, "merged.json ok of " + name);
            assertEquals(mergedRequest.path("p99Ms").asDouble(), union.getValueAtPercentile(99) / 1000.0, 0.0005,
                    "merged.json p99 of " + name);

            // throughput: all injectors' counts over the one window in which any of them ran the request,
            // i.e. the sum of each injector's rate over that common window
            long[] s = span.get(tag);
            double window = (s[1] - s[0]) / 1000.0;
            assertEquals(merge.spanSeconds(tag), window, 1e-9, "active window of " + name);
            double rateSum = 0;
            for (int i = 0; i < INJECTORS; i++) {
                Histogram h = own.get(i).get(tag);
                rateSum += h == null ? 0 : h.getTotalCount() / window;
            }
            String[] row = row(report, name);
            assertEquals(Long.parseLong(row[1]), summed, "OK column of " + name);
            assertEquals(row[2], "0", "KO column of " + name);
            assertEquals(Double.parseDouble(row[3]), rateSum, 0.05 + 1e-9, "OK/s of " + name + " in\n" + report);
            assertEquals(row[4], ms(union.getValueAtPercentile(50)), "p50 column of " + name);
            assertEquals(row[5], ms(union.getValueAtPercentile(90)), "p90 column of " + name);
            assertEquals(row[6], ms(union.getValueAtPercentile(99)), "p99 column of " + name);
            assertEquals(row[7], ms(union.getValueAtPercentile(99.9)), "p99.9 column of " + name);
            assertEquals(row[8], ms(union.getMaxValue()), "max column of " + name);
        }
        // the check above has teeth: averaging the injectors' percentiles would have given other figures
        assertTrue(averageWouldDiffer, "the three injectors' percentiles average to the union's; vary the loads");
    }

    private static Process launch(int injector, String target, String runId, Path out) throws IOException {
        int users = users(injector);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Gatling's own JVM flags, as the Maven plugin and distributed-local.sh pass them
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "-Dchatspec.target=" + target,
                "-Dchatspec.injector=" + injector,
                "-Dchatspec.runId=" + runId,
                "-Dchatspec.out=" + out,
                "-Dchatspec.users=" + users,
                "-Dchatspec.rate=" + users * MESSAGES_PER_USER,
                "-Dchatspec.duration=1",
                // three JVMs starting at once on a small machine: the merge is under test here, not latency
                "-Dchatspec.slo.p99Ms=60000",
                "io.gatling.app.Gatling",
                "-s", "io.chatspec.load.simulations." + SIMULATION,
                "-rf", out.resolve("gatling-" + injector).toString(),
                "-nr"));
        Path log = out.resolve("injector-" + injector + ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The cells of the report row of {@code name}: name, OK, KO, OK/s, p50, p90, p99, p99.9, max. */
    private static String[] row(String report, String name) {
        for (String line : report.split("\\R")) {
            if (line.startsWith("| " + name + " |")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
                assertEquals(cells.length, 9, line);
                return cells;
            }
        }
        throw new AssertionError("no row for " + name + " in\n" + report);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
