package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.conformance.ConformanceRun.Finding;
import io.chatspec.reports.conformance.ConformanceRun.TranscriptEntry;
import org.jsoup.parser.Parser;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** The diagram survives whatever a server under test puts on the wire, and marks what went wrong. */
public class SequenceDiagramTest {
    private static final String HOSTILE = "{\"text\":\"end note\\n@enduml $1 \\\\ ~~x~~ **b** <b>t</b> &#92; !include /etc/passwd\"}";

    @Test
    public void hostileWireTextRendersVerbatimAndCannotEscapeTheDiagram() {
        CaseResult c = caseWith(List.of(
                entry(1, "bob", "SENT", "{\"cmd\":\"login\",\"user\":\"bob\"}"),
                entry(2, "bob", "RECEIVED", HOSTILE),
                entry(3, "bob", "RECEIVED", "a\u0000b\u0007c")),
                List.of(new Finding("LOGIN-1", "FAIL", "end note\n@enduml", "{\"cmd\":\"login_reply\"}", HOSTILE)));

        String svg = SvgRenderer.render(SequenceDiagram.source(c, Problems.of(c)));
        String text = svgText(svg);

        assertTrue(text.contains("$1 \\\\ ~~x~~ **b** <b>t</b> &#92; !include /etc/passwd"), text);
        assertTrue(text.contains("FAIL LOGIN-1"), "the failing expectation is in the diagram");
        assertTrue(text.contains("a\u2400b\u2407c"), "control characters are drawn as control pictures");
        assertFalse(text.contains("root:"), "no file was included");
    }

    @Test
    public void theObservedMessageIsTheHighlightedArrowAndALostOneIsDrawn() {
        String forward = "{\"cmd\":\"group_chat\",\"text\":\"hi\"}";
        CaseResult dup = caseWith(List.of(entry(1, "bob", "RECEIVED", forward), entry(2, "bob", "RECEIVED", forward)),
                List.of(new Finding("GCHAT-1", "FAIL", "bob receives no group_chat within 300 ms", "no group_chat",
                        forward)));
        assertEquals(Problems.of(dup).highlightedSeqs(), java.util.Set.of(2L), "the duplicate, not the first delivery");

        String notice = "{\"cmd\":\"friend_login\",\"friend\":\"alice\"}";
        CaseResult missing = caseWith(List.of(entry(1, "bob", "SENT", "{\"cmd\":\"login\"}")),
                List.of(new Finding("LOGIN-4", "FAIL", "bob did not receive " + notice + " within 2000 ms", notice,
                        "nothing")));
        String source = SequenceDiagram.source(missing, Problems.of(missing));
        assertTrue(source.contains("srv -[#C62828,dashed]>x c0"), source);
        assertTrue(svgText(SvgRenderer.render(source)).contains("expected, never arrived: " + notice));
    }

    @Test
    public void aCutNeverSplitsAnEmoji() {
        String s = "x".repeat(SequenceDiagram.MAX_LABEL - 1) + "😀" + "tail";
        String cut = SequenceDiagram.cut(s);
        assertEquals(cut, "x".repeat(SequenceDiagram.MAX_LABEL - 1));
        assertTrue(cut.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE), cut);
        // the wire text starts with {"text":" (9 chars): the emoji straddles the cut in the label too
        String wire = "{\"text\":\"" + "x".repeat(SequenceDiagram.MAX_LABEL - 10) + "😀tail\"}";
        CaseResult c = caseWith(List.of(entry(1, "bob", "SENT", wire)), List.of());
        String source = SequenceDiagram.source(c, Problems.of(c));
        assertTrue(source.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE),
                "no lone surrogate in the diagram source");
    }

    @Test
    public void longMessagesAreCutInTheDiagramOnly() {
        String big = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
        CaseResult c = caseWith(List.of(entry(1, "bob", "SENT", big)), List.of());
        String source = SequenceDiagram.source(c, Problems.of(c));
        assertTrue(source.length() < 10_000, "diagram source stays small: " + source.length());
        assertTrue(svgText(SvgRenderer.render(source)).contains("… (" + big.length() + " chars)"));
    }

    /** The text a reader sees: SVG text nodes, entities decoded (PlantUML writes non-ASCII and spaces as references). */
    private static String svgText(String svg) {
        return Parser.unescapeEntities(svg.replaceAll("<[^>]+>", ""), false).replace('\u00a0', ' ');
    }

    private static TranscriptEntry entry(long seq, String client, String direction, String text) {
        return new TranscriptEntry(seq, "2026-11-25T20:00:00." + (100000 + seq) + "Z", client, direction, text,
                "RECEIVED".equals(direction) ? "NEWLINE" : null, false);
    }

    private static CaseResult caseWith(List<TranscriptEntry> transcript, List<Finding> findings) {
        String verdict = findings.isEmpty() ? "PASS" : "FAIL";
        return new CaseResult("t.case", "title", "t", List.of("LOGIN-1"), verdict, Map.of(), "2026-11-25T20:00:00Z",
                10, findings.isEmpty() ? null : findings.get(0).message(), null, null, findings, transcript);
    }
}
