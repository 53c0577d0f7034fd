package io.chatspec.load.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.protocol.Json;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** Merging three injectors' interval logs gives exactly the percentiles of all their samples together. */
public class HdrMergeTest {
    @Test
    public void mergedPercentilesEqualThoseOfTheUnionOfSamples() throws Exception {
        Path dir = Files.createTempDirectory("hdr-merge");
        Histogram union = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
        SplittableRandom random = new SplittableRandom(7);
        for (int injector = 0; injector < 3; injector++) {
            {
                HistogramLogWriter w = new HistogramLogWriter(dir.resolve("sim-" + injector + ".hlog").toFile());
                w.outputStartTime(1000);
                for (int interval = 0; interval < 5; interval++) {
                    Histogram h = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
                    // injectors differ on purpose: a slow one must move the merged tail
                    for (int i = 0; i < 1000; i++) {
                        long v = 100 + random.nextLong(1000L * (injector * 20 + 1));
                        h.recordValue(v);
                        union.recordValue(v);
                    }
                    h.setTag(LoadMetrics.toTag(LoadMetrics.OK + "deliver private_chat"));
                    h.setStartTimeStamp(1000 + interval * 1000L);
                    h.setEndTimeStamp(2000 + interval * 1000L);
                    w.outputIntervalHistogram(h);
                }
                w.close();
            }
        }
        HdrMerge merge = new HdrMerge();
        for (Path p : HdrMerge.expand(java.util.List.of(dir))) {
            merge.add(p);
        }
        Histogram merged = merge.merged(LoadMetrics.OK + "deliver private_chat");

        assertEquals(merged.getTotalCount(), 15_000);
        for (double p : new double[]{50, 90, 99, 99.9}) {
            assertEquals(merged.getValueAtPercentile(p), union.getValueAtPercentile(p), "p" + p);
        }
        assertEquals(merge.spanSeconds(), 5.0);
        assertTrue(merge.report().contains("| deliver private_chat | 15000 | 0 | 3000.0 |"), merge.report());
    }

    @Test
    public void throughputIsOverTheIntervalsThatHadTheRequest() throws Exception {
        Path log = Files.createTempDirectory("hdr-merge").resolve("sim-0.hlog");
        HistogramLogWriter w = new HistogramLogWriter(log.toFile());
        w.outputStartTime(1000);
        for (int interval = 0; interval < 10; interval++) {
            // logins only in the first 2 of 10 seconds: their rate must not be averaged over all 10
            String request = interval < 2 ? "login" : "private_chat";
            Histogram h = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            for (int i = 0; i < 100; i++) {
                h.recordValue(500);
            }
            h.setTag(LoadMetrics.toTag(LoadMetrics.OK + request));
            h.setStartTimeStamp(1000 + interval * 1000L);
            h.setEndTimeStamp(2000 + interval * 1000L);
            w.outputIntervalHistogram(h);
        }
        w.close();
        HdrMerge merge = new HdrMerge();
        merge.add(log);

        assertTrue(merge.report().contains("| login | 200 | 0 | 100.0 |"), merge.report());
        assertTrue(merge.report().contains("| private_chat | 800 | 0 | 100.0 |"), merge.report());
    }

    @Test
    public void mergedJsonHasTheSummaryFormatPerInjectorFiguresAndSummedDeliveries() throws Exception {
        // as an --out folder after a distributed run: OUT/<Sim>-<i>.json summaries, OUT/hdr/<Sim>-<i>.hlog logs
        Path out = Files.createTempDirectory("hdr-merge-json");
        Path hdr = Files.createDirectories(out.resolve("hdr"));
        for (int injector = 0; injector < 2; injector++) {
            HistogramLogWriter w = new HistogramLogWriter(hdr.resolve("Sim-" + injector + ".hlog").toFile());
            w.outputStartTime(1000);
            Histogram h = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            // injector 0: 100 × 1 ms, injector 1: 300 × 3 ms
            h.recordValueWithCount(injector == 0 ? 1_000 : 3_000, injector == 0 ? 100 : 300);
            h.setTag(LoadMetrics.toTag(LoadMetrics.OK + "private_chat"));
            h.setStartTimeStamp(1000);
            h.setEndTimeStamp(2000);
            w.outputIntervalHistogram(h);
            w.close();
            Files.writeString(out.resolve("Sim-" + injector + ".json"), "{\"simulation\": \"Sim\", "
                    + "\"deliveries\": {\"delivered\": " + (injector == 0 ? 100 : 300) + ", \"lost\": " + injector
                    + "}}");
        }
        HdrMerge merge = new HdrMerge();
        for (Path p : HdrMerge.expand(java.util.List.of(hdr))) {
            merge.add(p);
        }
        Path json = merge.write(out.resolve("merged.md"));

        assertEquals(json, out.resolve("merged.json").toAbsolutePath());
        assertTrue(Files.readString(out.resolve("merged.md")).contains("| private_chat | 400 | 0 | 400.0 |"));
        JsonNode m = Json.MAPPER.readTree(json.toFile());
        assertEquals(m.path("simulation").asText(), "Sim");
        assertEquals(m.path("injectorLogs").asInt(), 2);
        assertEquals(m.path("spanSeconds").asDouble(), 1.0);
        JsonNode chat = m.path("requests").path("private_chat");
        assertEquals(chat.path("ok").asLong(), 400);
        assertEquals(chat.path("okPerSecond").asDouble(), 400.0);
        assertEquals(chat.path("p50Ms").asDouble(), 3.0, 0.01, "three quarters of the samples are 3 ms");
        assertEquals(chat.path("p999Ms").asDouble(), 3.0, 0.01);
        assertEquals(m.path("deliveries").path("delivered").asLong(), 400);
        assertEquals(m.path("deliveries").path("lost").asLong(), 1);
        assertEquals(m.path("injectors").get(0).path("name").asText(), "Sim-0");
        assertEquals(m.path("injectors").get(0).path("requests").path("private_chat").path("okPerSecond").asDouble(),
                100.0);
        assertEquals(m.path("injectors").get(1).path("requests").path("private_chat").path("p50Ms").asDouble(), 3.0,
                0.01);
    }
}
