package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** A target that sends megabytes or floods a connection must not make a transcript megabytes long. */
public class TranscriptBoundsTest {

    @Test
    public void longTextKeepsAPrefixItsLengthAndADigest() {
        String big = "x".repeat(1_000_000);
        String kept = Transcript.bounded(big);
        assertTrue(kept.length() < 1200, "kept " + kept.length() + " chars");
        assertTrue(kept.startsWith("x".repeat(1024)));
        assertTrue(kept.contains("1000000 bytes in all, sha256 "), kept);
        assertTrue(!Transcript.bounded(big + "y").equals(kept), "the digest tells two long texts apart");
        assertEquals(Transcript.bounded("short"), "short");
    }

    @Test
    public void aFloodedTranscriptStopsWithOneNote() {
        Transcript t = new Transcript("c");
        Message m = Message.of("private_chat", "text", "hi");
        for (int i = 0; i < Transcript.MAX_ENTRIES + 500; i++) {
            t.received(m.raw(), m, null);
        }
        List<TranscriptEntry> entries = t.entries();
        assertEquals(entries.size(), Transcript.MAX_ENTRIES);
        assertEquals(entries.get(entries.size() - 1).direction(), Direction.EVENT);
        assertTrue(entries.get(entries.size() - 1).text().startsWith("transcript full"));
        assertEquals(t.dropped(), 500);
    }
}
