package io.chatspec.reports.capacity;

import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

/**
 * The reports module reads capacity-&lt;injector&gt;.json without depending on the load module: the example
 * documented in docs/LOAD.md (which the load module's own test checks against what it writes) must read fully.
 */
public class CapacityResultSchemaTest {
    @Test
    public void theDocumentedExampleReadsIntoEveryField() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "LOAD.md"));
        int marker = doc.indexOf("<!-- capacity-result-example -->");
        assertTrue(marker >= 0, "docs/LOAD.md lost its capacity-result-example marker");
        int open = doc.indexOf("```json", marker) + "```json".length();
        Path file = Files.createTempFile("capacity-", ".json");
        Files.writeString(file, doc.substring(open, doc.indexOf("```", open)));

        CapacityResult r = CapacityResult.read(file);

        assertEquals(r.capacityPerSecond(), 40.0);
        assertEquals(r.stepSeconds(), 2.0);
        assertEquals(r.stepsOrEmpty().size(), 3);
        CapacityResult.Step broke = r.stepsOrEmpty().get(2);
        assertEquals(broke.ratePerSecond(), 60.0);
        assertEquals(broke.achievedPerSecond(), 52.5);
        assertEquals(broke.ko(), 12);
        assertEquals(broke.held(), false);
        assertNotNull(r.deliveries(), "deliveries");
        assertEquals(r.deliveries().delivered(), Long.valueOf(4536));
        assertTrue(r.deliveries().clean());
        assertEquals(CapacityChart.achievedKind(r), CapacityChart.Achieved.RATE);
    }
}
