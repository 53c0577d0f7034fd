package io.chatspec.protocol.framing;

import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The splitter copies whole runs of an object at once; these tests pin that the run-copying path cuts exactly as
 * feeding one byte per read does, at the size limit too.
 */
public class FrameSplitterBulkTest {
    private static final int MAX = 200;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(List<Frame> frames) {
        StringBuilder b = new StringBuilder();
        for (Frame f : frames) {
            b.append(f.kind()).append(':').append(f.terminator()).append(':')
                    .append(new String(f.bytes(), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return b.toString();
    }

    private static List<Frame> byteByByte(byte[] data) {
        FrameSplitter s = new FrameSplitter(MAX);
        List<Frame> out = new ArrayList<>();
        for (byte b : data) {
            out.addAll(s.feed(new byte[] {b}));
        }
        out.addAll(s.finish());
        return out;
    }

    private static List<Frame> inOneRead(byte[] data) {
        FrameSplitter s = new FrameSplitter(MAX);
        List<Frame> out = new ArrayList<>();
        s.feed(data, 0, data.length, out);
        out.addAll(s.finish());
        return out;
    }

    /** A stream of objects of every size around the limit, nested, with strings, escapes and junk between them. */
    private static byte[] mixedStream(Random r) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String[] fillers = {"a", "\\\"", "}", "{", "]", "[", "密", "\\\\"};
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder();
            int target = r.nextInt(MAX);
            while (text.length() < target) {
                text.append(fillers[r.nextInt(fillers.length)]);
            }
            String object = "{\"cmd\":\"x\",\"n\":{\"a\":[1,2]},\"text\":\"" + text + "\"}";
            all.writeBytes(utf8(object));
            all.writeBytes(utf8(switch (r.nextInt(5)) {
                case 0 -> "\n";
                case 1 -> " ;";
                case 2 -> "junk\n";
                case 3 -> "[1,{\"a\":2}]\n";
                default -> "";
            }));
        }
        return all.toByteArray();
    }

    @Test
    public void oneLargeReadCutsExactlyAsOneBytePerRead() {
        Random r = new Random(11);
        for (int round = 0; round < 50; round++) {
            byte[] data = mixedStream(r);
            List<Frame> bulk = inOneRead(data);
            assertEquals(describe(bulk), describe(byteByByte(data)), "round " + round);
            assertTrue(bulk.stream().anyMatch(f -> f.kind() == Frame.Kind.TOO_LARGE), "the stream crosses the limit");
            assertTrue(bulk.stream().anyMatch(f -> f.kind() == Frame.Kind.OBJECT), "and stays under it too");
        }
    }

    @Test
    public void anObjectOfExactlyTheLimitIsKeptAndOneByteMoreIsTooLarge() {
        String head = "{\"t\":\"";
        String fits = head + "a".repeat(MAX - head.length() - 2) + "\"}";
        assertEquals(utf8(fits).length, MAX);
        List<Frame> ok = inOneRead(utf8(fits + "\n"));
        assertEquals(ok.size(), 1);
        assertEquals(ok.get(0).kind(), Frame.Kind.OBJECT);
        assertEquals(ok.get(0).text(), fits);

        String over = head + "a".repeat(MAX - head.length() - 1) + "\"}";
        List<Frame> tooLarge = inOneRead(utf8(over + "\n{\"cmd\":\"y\"}\n"));
        assertEquals(tooLarge.size(), 2, describe(tooLarge));
        assertEquals(tooLarge.get(0).kind(), Frame.Kind.TOO_LARGE);
        assertEquals(tooLarge.get(1).text(), "{\"cmd\":\"y\"}");
    }

    @Test
    public void framesFromOneReadAreMarkedSharedAndAppendAfterWhatTheCallerHad() {
        FrameSplitter s = new FrameSplitter(MAX);
        List<Object> out = new ArrayList<>(List.of("earlier"));
        s.feed(utf8("{\"a\":1}{\"b\":2}"), 0, 14, out);
        assertEquals(out.size(), 3);
        assertEquals(out.get(0), "earlier");
        assertTrue(((Frame) out.get(1)).sharedRead());
        assertTrue(((Frame) out.get(2)).sharedRead());
        List<Object> single = new ArrayList<>();
        s.feed(utf8("{\"c\":3}"), 0, 7, single);
        assertEquals(single.size(), 1);
        assertTrue(!((Frame) single.get(0)).sharedRead());
    }
}
