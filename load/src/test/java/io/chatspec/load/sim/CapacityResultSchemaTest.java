package io.chatspec.load.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.protocol.Json;
import org.HdrHistogram.Histogram;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * capacity-&lt;injector&gt;.json is the only join between load and reports, so what this module writes must be
 * what docs/LOAD.md documents (the reports module parses the same example in its own test).
 */
public class CapacityResultSchemaTest {
    static final String MARKER = "<!-- capacity-result-example -->";

    /** The JSON block after the marker in docs/LOAD.md. */
    static JsonNode documentedExample() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "LOAD.md"));
        int marker = doc.indexOf(MARKER);
        assertTrue(marker >= 0, "docs/LOAD.md lost its " + MARKER);
        int open = doc.indexOf("```json", marker) + "```json".length();
        return Json.MAPPER.readTree(doc.substring(open, doc.indexOf("```", open)));
    }

    /** One-second intervals with {@code okPerSecond} OK commands of 2 ms each, {@code offlines} of them offline. */
    private static List<LoadMetrics.Interval> intervals(long startMillis, long okPerSecond, long... offlines) {
        List<LoadMetrics.Interval> in = new ArrayList<>();
        for (int i = 0; i < offlines.length; i++) {
            Histogram ok = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            ok.recordValueWithCount(2_000, okPerSecond);
            in.add(new LoadMetrics.Interval(startMillis + i * 1000L, startMillis + (i + 1) * 1000L, ok, 0,
                    Map.of("offline", offlines[i], "register", offlines[i])));
        }
        return in;
    }

    private static final CapacityResult.Plan PLAN = new CapacityResult.Plan(20, 20, 2, 2, 50, 1, "offline");

    private static Set<String> fields(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    public void whatIsWrittenIsExactlyWhatIsDocumented() throws IOException {
        CapacityResult result = CapacityResult.judge(intervals(1_000_000, 50, 20, 20, 40, 40), 1_000_000, PLAN,
                Map.of("delivered", 10L));
        JsonNode written = Json.MAPPER.valueToTree(result);
        JsonNode documented = documentedExample();

        assertEquals(fields(written), fields(documented));
        assertEquals(fields(written.get("steps").get(0)), fields(documented.get("steps").get(0)));
        assertEquals(written.get("capacityPerSecond").asDouble(), 40.0, written.toString());
    }

    @Test
    public void eachStepSaysHowManySessionsItFinishedPerSecond() {
        // offered 20/s then 40/s; the second step finishes only 30 sessions/s (it falls behind)
        CapacityResult result = CapacityResult.judge(intervals(1_000_000, 50, 19, 21, 30, 30), 1_000_000, PLAN,
                null);
        assertEquals(result.stepSeconds(), 2);
        assertEquals(result.steps().get(0).ratePerSecond(), 20.0);
        assertEquals(result.steps().get(0).achievedPerSecond(), 20.0);
        assertEquals(result.steps().get(1).ratePerSecond(), 40.0);
        assertEquals(result.steps().get(1).achievedPerSecond(), 30.0);
        assertEquals(result.steps().get(1).ok(), 100);
    }
}
