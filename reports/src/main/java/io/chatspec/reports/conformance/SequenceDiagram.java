package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.conformance.ConformanceRun.TranscriptEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PlantUML source for a case's multi-client exchange: one lifeline per client plus the server, one arrow per
 * message with its time and JSON, failing expectations in red.
 *
 * <p>Every piece of wire text is emitted as numeric character references: transcripts hold whatever a server
 * under test sent, and PlantUML would otherwise read creole markup, {@code \n} or preprocessor directives in it.
 */
public final class SequenceDiagram {
    /** Arrow labels are cut here; the raw transcript below the diagram has the full text. */
    static final int MAX_LABEL = 300;
    /**
     * Labels are wrapped here, by us: PlantUML's own wrapping (maxMessageSize) decodes character references a
     * second time, so wire text such as {@code &#92;} would turn into markup or crash the renderer.
     */
    static final int WRAP = 110;
    private static final String SERVER = "srv";
    private static final String RED = "#C62828";
    private static final String ORANGE = "#EF6C00";
    private static final String GREY = "#888888";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SequenceDiagram() {
    }

    public static String source(CaseResult c, Problems problems) {
        List<TranscriptEntry> entries = c.transcript().stream()
                .sorted(Comparator.comparingLong(TranscriptEntry::seq)).toList();
        Map<String, String> aliases = new LinkedHashMap<>();
        entries.forEach(e -> aliases.computeIfAbsent(e.client(), k -> "c" + aliases.size()));

        StringBuilder p = new StringBuilder(4096);
        p.append("@startuml\n")
                .append("skinparam shadowing false\n")
                .append("skinparam defaultFontName DejaVu Sans\n")
                .append("skinparam sequenceMessageAlign left\n")
                .append("skinparam responseMessageBelowArrow true\n")
                .append("skinparam ParticipantBackgroundColor #F5F5F5\n")
                .append("skinparam NoteBorderColor #999999\n")
                .append("hide footbox\n");
        aliases.forEach((client, alias) ->
                p.append("participant \"").append(text(client)).append("\" as ").append(alias).append('\n'));
        p.append("participant \"server\" as ").append(SERVER).append(" #E8EAF6\n");

        Instant start = entries.isEmpty() ? null : parse(entries.get(0).at());
        for (TranscriptEntry e : entries) {
            String alias = aliases.get(e.client());
            String when = stamp(parse(e.at()), start);
            boolean hit = problems.highlightedSeqs().contains(e.seq());
            switch (e.direction()) {
                case "SENT" -> p.append(alias).append(" -> ").append(SERVER)
                        .append(" : ").append(label(when, e, false)).append('\n');
                case "RECEIVED" -> p.append(SERVER).append(hit ? " -[" + RED + ",bold]> " : " -> ").append(alias)
                        .append(" : ").append(label(when, e, hit)).append('\n');
                default -> event(p, alias, when, e);
            }
        }
        for (Problems.Problem problem : problems.problems()) {
            String alias = problem.client() == null ? null : aliases.get(problem.client());
            if (alias != null && Problems.isMissingMessage(problem)) {
                p.append(SERVER).append(" -[").append(RED).append(",dashed]>x ").append(alias).append(" : ")
                        .append("<color:").append(RED).append(">").append(text("expected, never arrived: "))
                        .append(wrapped(clip(problem.expected()))).append("</color>\n");
            }
            note(p, problem, aliases);
        }
        if (entries.isEmpty()) {
            p.append("note over ").append(SERVER).append(" : ").append(text("no traffic recorded")).append('\n');
        }
        return p.append("@enduml\n").toString();
    }

    private static void event(StringBuilder p, String alias, String when, TranscriptEntry e) {
        String what = e.text() == null ? "" : e.text();
        String label = small(when) + "\\n" + "<color:" + GREY + ">" + text(what) + "</color>";
        if (what.startsWith("connected")) {
            p.append(alias).append(" -[").append(GREY).append(",dashed]> ").append(SERVER);
        } else if (what.equals("closed by server")) {
            p.append(SERVER).append(" -[").append(GREY).append(",dashed]>x ").append(alias);
        } else if (what.startsWith("closed")) {
            p.append(alias).append(" -[").append(GREY).append(",dashed]>x ").append(SERVER);
        } else {
            p.append("hnote over ").append(alias);
        }
        p.append(" : ").append(label).append('\n');
    }

    private static String label(String when, TranscriptEntry e, boolean highlighted) {
        String json = e.text() == null ? "" : e.text();
        if (json.length() > MAX_LABEL) {
            json = cut(json) + "… (" + e.text().length() + " chars)";
        }
        StringBuilder l = new StringBuilder(small(when)).append("\\n");
        String body = wrapped(json);
        // Creole styles end at a line break, so a highlighted label is styled line by line.
        l.append(highlighted ? "<color:" + RED + "><b>" + body.replace("\\n", "</b></color>\\n<color:" + RED + "><b>")
                + "</b></color>" : body);
        if ("NONE".equals(e.newline())) {
            l.append("\\n").append(small(text("(no trailing newline)")));
        }
        if (Boolean.TRUE.equals(e.sharedSegment())) {
            l.append("\\n").append(small(text("(arrived in one read with another message)")));
        }
        return l.toString();
    }

    private static void note(StringBuilder p, Problems.Problem problem, Map<String, String> aliases) {
        String colour = "NON-STRICT".equals(problem.verdict()) ? "#FFF3E0" : "#FFEBEE";
        String border = "NON-STRICT".equals(problem.verdict()) ? ORANGE : RED;
        String alias = problem.client() == null ? null : aliases.get(problem.client());
        p.append(alias == null ? "note across " : "note over " + alias + " ").append(colour).append('\n');
        p.append("<color:").append(border).append("><b>")
                .append(text(problem.verdict() + (problem.rule() == null ? "" : " " + problem.rule())))
                .append("</b></color>\n");
        if (problem.message() != null) {
            p.append(noteLine(clip(problem.message()))).append('\n');
        }
        if (problem.expected() != null) {
            p.append("<b>").append(text("expected: ")).append("</b>").append(wrapped(clip(problem.expected()))).append('\n');
        }
        if (problem.observed() != null) {
            p.append("<b>").append(text("observed: ")).append("</b>").append(wrapped(clip(problem.observed()))).append('\n');
        }
        p.append("end note\n");
    }

    private static String wrapped(String s) {
        StringBuilder out = new StringBuilder();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i += WRAP) {
            if (i > 0) {
                out.append("\\n");
            }
            out.append(text(new String(cps, i, Math.min(WRAP, cps.length - i))));
        }
        return out.toString();
    }

    private static String clip(String s) {
        return s.length() > MAX_LABEL ? cut(s) + "…" : s;
    }

    /** The first {@link #MAX_LABEL} chars, or one fewer where the cut would split a surrogate pair (an emoji). */
    static String cut(String s) {
        int end = MAX_LABEL;
        if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String small(String s) {
        return "<size:10><color:#666666>" + s + "</color></size>";
    }

    private static Instant parse(String at) {
        try {
            return at == null ? null : Instant.parse(at);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String stamp(Instant at, Instant start) {
        if (at == null) {
            return "";
        }
        String s = TIME.format(at);
        if (start != null) {
            long micros = Duration.between(start, at).toNanos() / 1000;
            s += String.format(java.util.Locale.ROOT, " (+%.1f ms)", micros / 1000.0);
        }
        return text(s);
    }

    /** A note body line whose first character is a reference, so no text can read as {@code end note}. */
    private static String noteLine(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return text(new String(Character.toChars(first))).replaceFirst("^[A-Za-z0-9 ]", "&#" + first + ";")
                + text(s.substring(Character.charCount(first)));
    }

    /** Wire text as character references: only letters, digits and spaces pass through literally. */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        s.codePoints().forEach(cp -> {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ') {
                out.appendCodePoint(cp);
            } else if (cp == '\\' || cp == '$') {
                // PlantUML decodes &#N; through Matcher.appendReplacement, which chokes on these two.
                out.append(String.format("<U+%04X>", cp));
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append("&#").append(cp == 0x7f ? 0x2421 : 0x2400 + cp).append(';'); // visible control picture
            } else {
                out.append("&#").append(cp).append(';');
            }
        });
        return out.toString();
    }
}
