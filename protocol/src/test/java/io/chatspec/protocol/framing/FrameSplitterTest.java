package io.chatspec.protocol.framing;

import io.chatspec.protocol.Message;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class FrameSplitterTest {
    private static final List<String> OBJECTS = List.of(
            "{\"cmd\":\"register\",\"user\":\"小明\",\"password\":\"11111\"}",
            "{\"cmd\":\"private_chat\",\"user_from\":\"a\",\"user_to\":\"b\",\"text\":\"brace } in { text \\\" quote\"}",
            "{\"cmd\":\"x\",\"nested\":{\"a\":[1,{\"b\":\"]}\"}]},\"emoji\":\"😀\"}",
            "{\"cmd\":\"get_group_member_reply\",\"member\":\"小李|小张\",\"group\":\"交流群\"}");

    private static List<Frame> feedInChunks(FrameSplitter s, byte[] data, Random random) {
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int n = 1 + random.nextInt(Math.min(17, data.length - i));
            frames.addAll(s.feed(data, i, n));
            i += n;
        }
        frames.addAll(s.finish());
        return frames;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(Frame::text).toList();
    }

    @DataProvider
    public Object[][] separators() {
        return new Object[][] {{"\n"}, {""}, {";"}, {";\n"}, {" \r\n"}, {"\t; "}};
    }

    @Test(dataProvider = "separators")
    public void randomChunkBoundariesYieldTheSameObjects(String separator) {
        String stream = String.join(separator, OBJECTS) + separator;
        for (long seed = 0; seed < 200; seed++) {
            List<Frame> frames = feedInChunks(new FrameSplitter(4096), utf8(stream), new Random(seed));
            assertEquals(texts(frames), OBJECTS, "seed " + seed);
            frames.forEach(f -> assertEquals(f.kind(), Frame.Kind.OBJECT));
        }
    }

    @Test
    public void utf8SplitMidCharacterIsReassembledBeforeDecoding() {
        byte[] data = utf8(OBJECTS.get(0));
        int cut = OBJECTS.get(0).indexOf('小') + 1; // inside the 3-byte sequence of 小 (byte offsets: ASCII before)
        FrameSplitter s = new FrameSplitter(4096);
        assertTrue(s.feed(data, 0, cut).isEmpty());
        assertTrue(s.midObject());
        List<Frame> frames = s.feed(data, cut, data.length - cut);
        assertEquals(frames.size(), 1);
        assertEquals(Message.parse(frames.get(0).bytes()).text("user"), "小明");
    }

    @Test
    public void coalescedObjectsInOneReadAreMarkedShared() {
        List<Frame> frames = new FrameSplitter(4096).feed(utf8(OBJECTS.get(0) + "\n" + OBJECTS.get(3) + "\n"));
        assertEquals(frames.size(), 2);
        assertTrue(frames.get(0).sharedRead());
        assertTrue(frames.get(1).sharedRead());
        FrameSplitter single = new FrameSplitter(4096);
        assertFalse(single.feed(utf8(OBJECTS.get(0) + "\n")).get(0).sharedRead());
    }

    @Test
    public void terminatorIsSettledByTheNextBytesEvenInALaterRead() {
        FrameSplitter s = new FrameSplitter(4096);
        Frame first = s.feed(utf8(OBJECTS.get(0))).get(0);
        assertEquals(first.terminator(), Frame.Terminator.PENDING);
        s.feed(utf8(";"));
        assertEquals(first.terminator(), Frame.Terminator.PENDING, "';' alone does not settle it");
        s.feed(utf8("\n"));
        assertEquals(first.terminator(), Frame.Terminator.NEWLINE);

        Frame second = s.feed(utf8(OBJECTS.get(1))).get(0);
        Frame third = s.feed(utf8(OBJECTS.get(2))).get(0);
        assertEquals(second.terminator(), Frame.Terminator.NONE, "object directly followed by another");
        s.finish();
        assertEquals(third.terminator(), Frame.Terminator.NONE, "stream ended without newline");
    }

    @Test
    public void garbageRunsToTheEndOfItsLineThenObjectsAreReadAgain() {
        List<Frame> frames = new FrameSplitter(4096).feed(utf8("hello world\n" + OBJECTS.get(0) + "nonsense"
                + OBJECTS.get(3) + "\n" + OBJECTS.get(1)));
        assertEquals(frames.size(), 4);
        assertEquals(frames.get(0).kind(), Frame.Kind.GARBAGE);
        assertEquals(frames.get(0).text(), "hello world");
        assertEquals(frames.get(1).text(), OBJECTS.get(0));
        assertEquals(frames.get(2).kind(), Frame.Kind.GARBAGE, "an object on a garbage line is part of the garbage");
        assertEquals(frames.get(2).text(), "nonsense" + OBJECTS.get(3));
        assertEquals(frames.get(3).text(), OBJECTS.get(1));
    }

    @Test
    public void aBraceInsideAGarbageStringDoesNotDesynchroniseTheStream() {
        // "{" is valid JSON but no object; its opening quote is garbage, so the brace must not open an object.
        List<Frame> frames = feedInChunks(new FrameSplitter(4096), utf8("\"{\"\n\"a [b\"\n" + OBJECTS.get(0) + "\n"),
                new Random(3));
        assertEquals(texts(frames), List.of("\"{\"", "\"a [b\"", OBJECTS.get(0)));
        assertEquals(frames.get(2).kind(), Frame.Kind.OBJECT);
    }

    @Test
    public void oversizedGarbageIsReportedAtOnceWithoutWaitingForANewline() {
        FrameSplitter s = new FrameSplitter(64);
        List<Frame> frames = s.feed(utf8("x".repeat(65)));
        assertEquals(frames.size(), 1);
        assertEquals(frames.get(0).kind(), Frame.Kind.TOO_LARGE);
        assertTrue(s.feed(utf8("y".repeat(1000))).isEmpty(), "the rest of the line is skipped silently");
        assertEquals(texts(s.feed(utf8("\n" + OBJECTS.get(0)))), List.of(OBJECTS.get(0)));
    }

    @Test
    public void aTopLevelArrayIsOneNonObjectFrameEvenWhenItHoldsObjects() {
        List<Frame> frames = new FrameSplitter(4096).feed(utf8("[{\"cmd\":\"login\"},\"]\"]\n" + OBJECTS.get(0)));
        assertEquals(frames.size(), 2);
        assertEquals(frames.get(0).kind(), Frame.Kind.GARBAGE);
        assertEquals(frames.get(0).text(), "[{\"cmd\":\"login\"},\"]\"]");
        assertEquals(frames.get(1).text(), OBJECTS.get(0));
    }

    @Test
    public void bracesInsideStringsDoNotEndTheObject() {
        List<Frame> frames = new FrameSplitter(4096).feed(utf8(OBJECTS.get(1) + OBJECTS.get(2)));
        assertEquals(texts(frames), List.of(OBJECTS.get(1), OBJECTS.get(2)));
    }

    @Test
    public void unterminatedObjectAtEndOfStreamIsIncomplete() {
        FrameSplitter s = new FrameSplitter(4096);
        assertTrue(s.feed(utf8("{\"cmd\":\"login\"")).isEmpty());
        List<Frame> last = s.finish();
        assertEquals(last.size(), 1);
        assertEquals(last.get(0).kind(), Frame.Kind.INCOMPLETE);
    }

    @Test
    public void oversizedObjectYieldsOneTooLargeFrameAndTheStreamRecovers() {
        StringBuilder big = new StringBuilder("{\"cmd\":\"x\",\"text\":\"");
        big.append("a".repeat(10_000)).append("\"}");
        FrameSplitter s = new FrameSplitter(1024);
        List<Frame> frames = feedInChunks(s, utf8(big + "\n" + OBJECTS.get(0) + "\n"), new Random(7));
        assertEquals(frames.size(), 2);
        assertEquals(frames.get(0).kind(), Frame.Kind.TOO_LARGE);
        assertTrue(frames.get(0).bytes().length <= 256, "only a prefix is retained");
        assertEquals(frames.get(1).text(), OBJECTS.get(0));
    }

    @Test
    public void anObjectAfterAnyGarbageLineSurvivesExactlyOnce() {
        Random r = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] junk = new byte[1 + r.nextInt(200)];
            r.nextBytes(junk);
            junk[0] = 'x'; // starts a garbage run rather than an object
            for (int i = 0; i < junk.length; i++) {
                if (junk[i] == '\n') {
                    junk[i] = '{';
                }
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(junk);
            all.writeBytes(utf8("\n" + OBJECTS.get(2) + "\n"));
            List<Frame> frames = feedInChunks(new FrameSplitter(512), all.toByteArray(), r);
            assertEquals(frames.size(), 2, "round " + round + ": " + frames);
            assertEquals(frames.get(0).kind(), Frame.Kind.GARBAGE, "round " + round);
            assertEquals(frames.get(1).text(), OBJECTS.get(2), "round " + round);
        }
    }
}
