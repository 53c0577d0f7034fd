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

    private static List<LoadMetrics.Interval> intervals(long startMillis, int seconds, long okPerSecond) {
        List<LoadMetrics.Interval> in = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            Histogram ok = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            ok.recordValueWithCount(2_000, okPerSecond);
            in.add(new LoadMetrics.Interval(startMillis + i * 1000L, startMillis + (i + 1) * 1000L, ok, 0));
        }
        return in;
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    public void everyFieldWrittenIsDocumented() throws IOException {
        CapacityResult result = CapacityResult.judge(intervals(1_000_000, 4, 50), 1_000_000, 20, 20, 2, 2, 50, 1);
        JsonNode written = Json.MAPPER.valueToTree(result);
        JsonNode documented = documentedExample();

        assertTrue(fields(documented).containsAll(fields(written)),
                "undocumented top-level fields: " + fields(written) + " vs docs " + fields(documented));
        assertTrue(fields(documented.get("steps").get(0)).containsAll(fields(written.get("steps").get(0))),
                "undocumented step fields: " + fields(written.get("steps").get(0)));
        assertEquals(written.get("capacityPerSecond").asDouble(), 40.0, written.toString());
    }
}
