package io.chatspec.conformance.judge;

import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.client.Direction;
import io.chatspec.protocol.client.TranscriptEntry;
import io.chatspec.protocol.framing.Frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Frame-level facts every case collects from its transcript, whatever its script checked: FRAME-2 (garbage),
 * FRAME-3 (no newline), FRAME-4 (coalesced). They are raw findings; {@link Judge} applies levels and claims.
 */
public final class FramingFindings {
    private FramingFindings() {
    }

    /**
     * @param judgeSegments whether the case sent one message at a time, so a shared read can be the server's doing
     * @param consumed      whether the case waited for this message on this client
     */
    public static List<Finding> of(List<TranscriptEntry> transcript, boolean judgeSegments,
                                   BiPredicate<String, Message> consumed) {
        List<Finding> out = new ArrayList<>();
        int noNewline = 0;
        int multiLine = 0;
        String firstMultiLine = null;
        int shared = 0;
        int judgedShared = 0;
        String firstNoNewline = null;
        String firstShared = null;
        String firstJudged = null;
        // A read is only evidence of server-side coalescing when every message in it was one the case waited for
        // (one at a time); a read that also holds a message nobody waited for (a login extra, an echo) may merge
        // messages that were legitimately due together.
        Map<String, Boolean> readAllConsumed = new LinkedHashMap<>();
        for (TranscriptEntry e : transcript) {
            if (e.direction() == Direction.RECEIVED && e.frame() != null && e.frame().sharedRead()) {
                readAllConsumed.merge(e.client() + "#" + e.frame().readSeq(),
                        e.message() != null && consumed.test(e.client(), e.message()), Boolean::logicalAnd);
            }
        }
        for (TranscriptEntry e : transcript) {
            if (e.direction() != Direction.RECEIVED || e.frame() == null) {
                continue;
            }
            if (e.message() == null) {
                out.add(new Finding("FRAME-2", Verdict.FAIL, e.client() + " received bytes that are not a JSON object",
                        "one complete JSON object per message", e.text()));
                continue;
            }
            if (e.text() != null && (e.text().indexOf('\n') >= 0 || e.text().indexOf('\r') >= 0)) {
                // a line break inside a message (jsoncpp's toStyledString()) breaks clients that read lines
                multiLine++;
                firstMultiLine = firstMultiLine == null ? e.client() + ": " + e.text() : firstMultiLine;
            }
            if (e.frame().terminator() == Frame.Terminator.NONE) {
                noNewline++;
                firstNoNewline = firstNoNewline == null ? e.client() + ": " + e.text() : firstNoNewline;
            }
            if (e.frame().sharedRead()) {
                if (judgeSegments && readAllConsumed.getOrDefault(e.client() + "#" + e.frame().readSeq(), false)) {
                    judgedShared++;
                    firstJudged = firstJudged == null ? e.client() + ": " + e.text() : firstJudged;
                } else {
                    shared++;
                    firstShared = firstShared == null ? e.client() + ": " + e.text() : firstShared;
                }
            }
        }
        if (noNewline > 0) {
            out.add(new Finding("FRAME-3", Verdict.NON_STRICT, noNewline + " server message(s) without a trailing newline",
                    "compact JSON followed by \\n", firstNoNewline));
        }
        if (multiLine > 0) {
            out.add(new Finding("FRAME-3", Verdict.NON_STRICT, multiLine + " server message(s) spread over several "
                    + "lines (not compact JSON)", "compact JSON followed by \\n", firstMultiLine));
        }
        if (judgedShared > 0) {
            out.add(new Finding("FRAME-4", Verdict.NON_STRICT, judgedShared + " server message(s) shared a TCP segment",
                    "one message per segment", firstJudged));
        }
        if (shared > 0) {
            out.add(new Finding("FRAME-4", Verdict.INFO, shared + " server message(s) arrived in one read (server "
                    + "coalescing or OS merging of back-to-back segments, or messages due together; not judged)",
                    null, firstShared));
        }
        return out;
    }
}
