package io.chatspec.conformance.report;

import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.judge.Judge;
import io.chatspec.conformance.judge.RuleVerdict;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.client.Transcript;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** junit.xml for CI systems: FAIL is a failure, ERROR an error, SKIPPED skipped; INFO and NON-STRICT pass. */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static Path write(RunResult run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("junit.xml");
        Map<Verdict, Integer> counts = run.counts();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write("<testsuite name=\"chatspec-conformance\" tests=\"" + run.cases().size() + "\" failures=\""
                    + counts.get(Verdict.FAIL) + "\" errors=\"" + counts.get(Verdict.ERROR) + "\" skipped=\""
                    + counts.get(Verdict.SKIPPED) + "\" time=\"" + seconds(run.durationMs()) + "\" timestamp=\""
                    + run.startedAt() + "\">\n");
            w.write("  <properties>\n    <property name=\"target\" value=\"" + esc(run.target()) + "\"/>\n"
                    + "    <property name=\"claims\" value=\"" + esc(String.join(",", run.claims())) + "\"/>\n"
                    + "    <property name=\"specVersion\" value=\"" + esc(run.specVersion()) + "\"/>\n");
            // the run's verdict per rule (a case is one test; a rule may span several)
            List<RuleVerdict> rules = Judge.perRule(RuleCatalog.bundled(), run.cases());
            w.write("    <property name=\"rules\" value=\"" + esc(Judge.summary(rules)) + "\"/>\n");
            for (Verdict v : List.of(Verdict.FAIL, Verdict.ERROR)) {
                w.write("    <property name=\"rules." + v.label() + "\" value=\""
                        + esc(String.join(" ", Judge.withVerdict(rules, v))) + "\"/>\n");
            }
            w.write("  </properties>\n");
            for (CaseResult c : run.cases()) {
                w.write("  <testcase classname=\"chatspec." + esc(c.category()) + "\" name=\"" + esc(c.id() + " "
                        + c.title()) + "\" time=\"" + seconds(c.durationMs()) + "\">\n");
                String detail = "rules: " + String.join(" ", c.rules()) + "\nexpected: " + c.expected()
                        + "\nobserved: " + c.observed();
                switch (c.verdict()) {
                    case FAIL -> w.write("    <failure message=\"" + esc(c.reason()) + "\" type=\"FAIL\">"
                            + esc(detail) + "</failure>\n");
                    case ERROR -> w.write("    <error message=\"" + esc(c.reason()) + "\" type=\"ERROR\">"
                            + esc(detail) + "</error>\n");
                    case SKIPPED -> w.write("    <skipped message=\"" + esc(c.reason()) + "\"/>\n");
                    default -> {
                    }
                }
                w.write("    <system-out>" + esc("verdict: " + c.verdict().label()
                        + (c.reason() != null ? " (" + c.reason() + ")" : "") + "\n"
                        + Transcript.render(c.transcript())) + "</system-out>\n");
                w.write("  </testcase>\n");
            }
            w.write("</testsuite>\n");
        }
        return file;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\n', '\t', '\r' -> sb.append(ch);
                default -> {
                    // XML 1.0 forbids most control characters even when escaped
                    if (ch < 0x20 || ch == 0xFFFE || ch == 0xFFFF) {
                        sb.append("\\u").append(String.format("%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
