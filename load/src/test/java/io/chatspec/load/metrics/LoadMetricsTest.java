package io.chatspec.load.metrics;

import org.HdrHistogram.Histogram;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

/** The cached per-request handles keep the OK/KO keys, counts and active windows the summaries are made of. */
public class LoadMetricsTest {
    @Test
    public void okAndKoOfOneRequestLandUnderTheirOwnKeysWithTheirOwnWindows() throws Exception {
        Path log = Files.createTempDirectory("metrics").resolve("m.hlog");
        LoadMetrics m = LoadMetrics.logging(log, "t");
        for (int i = 0; i < 5; i++) {
            m.record("private_chat", 1_000_000 + i * 1_000, 1_000_500 + i * 1_000, true);
        }
        m.record("private_chat", 2_000_000, 4_000_000, false);
        m.record("login", 10, 20, true);
        m.stop();

        Map<String, Histogram> totals = m.totals();
        assertEquals(totals.get("OK:private_chat").getTotalCount(), 5);
        assertEquals(totals.get("KO:private_chat").getTotalCount(), 1);
        assertEquals(totals.get("OK:login").getTotalCount(), 1);
        assertFalse(totals.containsKey("KO:login"), "no KO outcome, no KO histogram");
        assertEquals(m.activeSeconds("OK:private_chat"), 0.0045, 1e-9);
        assertEquals(m.activeSeconds("KO:private_chat"), 2.0, 1e-9);
        assertEquals(totals.get("KO:private_chat").getMaxValue(), 2_000_000, 2_000_000 / 1000.0);
    }

    @Test
    public void eachIntervalCountsEveryCommandsSuccessesButNotDeliveries() {
        LoadMetrics m = LoadMetrics.inMemory("t");
        m.record("offline", 10, 20, true);
        m.record("offline", 10, 30, false);
        m.record("deliver private_chat", 10, 40, true);
        m.stop();

        LoadMetrics.Interval last = m.intervals().get(m.intervals().size() - 1);
        assertEquals(last.completed("offline"), 1, "only a session that ended OK was served");
        assertEquals(last.completed("deliver private_chat"), 0, "a delivery is a measurement, not a command");
        assertEquals(last.ok().getTotalCount(), 1);
        assertEquals(last.ko(), 1);
    }

    @Test
    public void outcomesRecordedOnSeveralThreadsMergeIntoOneHistogramAndOneWindow() throws Exception {
        LoadMetrics m = LoadMetrics.inMemory("t");
        int threads = 4;
        int each = 10_000;
        CountDownLatch go = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long base = 1_000_000L * (t + 1);
            ts[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    m.record("private_chat", base + i, base + i + 100, true);
                }
            });
            ts[t].start();
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        m.stop();

        Histogram ok = m.totals().get("OK:private_chat");
        assertEquals(ok.getTotalCount(), (long) threads * each, "no outcome lost between the threads' shards");
        assertEquals(ok.getMaxValue(), 100, 1);
        // earliest start from the first thread, latest end from the last one
        assertEquals(m.activeWindowMicros("OK:private_chat"),
                new long[]{1_000_000L, 1_000_000L * threads + each - 1 + 100});
        assertEquals(m.firstRequestMillis(), 1_000);
    }

    @Test
    public void eachIntervalHoldsOnlyWhatWasRecordedSinceThePreviousOne() {
        LoadMetrics m = LoadMetrics.inMemory("t");
        m.record("login", 10, 20, true);
        m.stop();
        m.record("login", 30, 40, true);
        m.record("login", 50, 60, true);
        m.stop(); // without a ticker each stop closes an interval: the second reuses the first's histograms

        assertEquals(m.intervals().get(0).ok().getTotalCount(), 1);
        assertEquals(m.intervals().get(1).ok().getTotalCount(), 2);
        assertEquals(m.totals().get("OK:login").getTotalCount(), 3);
    }
}
