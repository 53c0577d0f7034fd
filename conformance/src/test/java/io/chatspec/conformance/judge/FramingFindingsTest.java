package io.chatspec.conformance.judge;

import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.client.Direction;
import io.chatspec.protocol.client.TranscriptEntry;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * FRAME-4 is judged only on reads made entirely of messages the case waited for one at a time; FRAME-3 notes
 * messages that are not compact JSON on one line.
 */
public class FramingFindingsTest {
    private static List<TranscriptEntry> oneRead(String... jsons) {
        byte[] bytes = (String.join("\n", jsons) + "\n").getBytes(StandardCharsets.UTF_8);
        List<Frame> frames = new FrameSplitter(1 << 20).feed(bytes);
        List<TranscriptEntry> out = new ArrayList<>();
        long seq = 0;
        for (Frame f : frames) {
            out.add(new TranscriptEntry(seq++, Instant.now(), "alice", Direction.RECEIVED, f.text(),
                    Message.parse(f.text()), f));
        }
        return out;
    }

    private static List<Verdict> frame4(List<Finding> fs) {
        return fs.stream().filter(f -> "FRAME-4".equals(f.rule())).map(Finding::verdict).toList();
    }

    @Test
    public void aReadWithAMessageNobodyWaitedForIsNotJudged() {
        List<TranscriptEntry> t = oneRead("{\"cmd\":\"login_reply\",\"result\":\"success\"}",
                "{\"cmd\":\"online_friends\",\"friends\":\"\"}");
        List<Finding> fs = FramingFindings.of(t, true, (c, m) -> "login_reply".equals(m.cmd()));
        assertEquals(frame4(fs), List.of(Verdict.INFO), fs.toString());
    }

    @Test
    public void aReadOfConsumedMessagesIsJudged() {
        List<TranscriptEntry> t = oneRead("{\"cmd\":\"group_chat_reply\",\"result\":\"success\"}",
                "{\"cmd\":\"get_group_member_reply\",\"result\":\"success\"}");
        assertTrue(t.get(0).frame().sharedRead());
        List<Finding> fs = FramingFindings.of(t, true, (c, m) -> true);
        assertEquals(frame4(fs), List.of(Verdict.NON_STRICT), fs.toString());
    }

    @Test
    public void aMultiLineMessageIsNonStrictFrame3() {
        // jsoncpp's toStyledString(): a valid object over several lines
        List<TranscriptEntry> t = oneRead("{\n   \"cmd\" : \"login_reply\",\n   \"result\" : \"success\"\n}");
        assertEquals(t.size(), 1);
        List<Finding> fs = FramingFindings.of(t, true, (c, m) -> true);
        assertTrue(fs.stream().anyMatch(f -> "FRAME-3".equals(f.rule()) && f.verdict() == Verdict.NON_STRICT
                && f.message().contains("several lines")), fs.toString());
        List<Finding> compact = FramingFindings.of(oneRead("{\"cmd\":\"login_reply\",\"result\":\"success\"}"),
                true, (c, m) -> true);
        assertTrue(compact.stream().noneMatch(f -> "FRAME-3".equals(f.rule())), compact.toString());
    }
}
