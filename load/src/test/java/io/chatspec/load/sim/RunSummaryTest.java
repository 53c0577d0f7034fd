package io.chatspec.load.sim;

import io.chatspec.load.metrics.LoadMetrics;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.testng.Assert.assertEquals;

/** A request's rate is taken over the time it was active, not over the whole run around it. */
public class RunSummaryTest {
    @Test
    @SuppressWarnings("unchecked")
    public void okPerSecondIsOverTheRequestsOwnActiveWindow() throws Exception {
        LoadMetrics metrics = LoadMetrics.logging(Files.createTempDirectory("summary").resolve("t.hlog"), "t");
        // an hour after the run started, so a whole-run rate would be near zero
        long base = metrics.startMillis() * 1000 + 3_600_000_000L;
        for (int i = 0; i < 10; i++) {
            long start = base + i * 100_000L;
            metrics.record("private_chat", start, start + 1_000, true);
        }
        metrics.record("private_chat", base, base + 5_000, false);
        metrics.stop();

        Map<String, Object> chat = (Map<String, Object>) RunSummary.requests(metrics).get("private_chat");

        assertEquals(chat.get("ok"), 10L);
        assertEquals(chat.get("ko"), 1L);
        // first start to last end: 9 × 100 ms + 1 ms
        assertEquals((double) chat.get("activeSeconds"), 0.901, 1e-9);
        assertEquals((double) chat.get("okPerSecond"), 11.099, 1e-3);
        assertEquals(metrics.firstRequestMillis(), base / 1000, "load began at the first request's start");
    }
}
