package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.conformance.ConformanceRun.Finding;
import io.chatspec.reports.conformance.ConformanceRun.RuleResult;
import io.chatspec.reports.conformance.ConformanceRun.TranscriptEntry;

import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.chatspec.reports.html.Html.esc;
import static io.chatspec.reports.html.Html.page;

/** The page of one case in one run: verdicts, what went wrong, the sequence diagram and the raw transcript. */
public final class CasePage {
    private static final String ROOT = "../../";

    private CasePage() {
    }

    public static String html(TargetRun target, CaseResult c, String svg, Problems problems) {
        Map<String, RuleResult> rules = target.run().rules().stream()
                .collect(Collectors.toMap(RuleResult::id, Function.identity(), (a, b) -> a));
        StringBuilder b = new StringBuilder(16384);
        b.append("<p class=\"sub\"><a href=\"").append(ROOT).append("index.html\">&larr; conformance matrix</a>")
                .append(target.withAllure() ? " · <a href=\"" + ROOT + esc(target.allureIndex()) + "\">Allure report</a>" : "")
                .append("</p>\n");
        b.append("<h1 id=\"case-id\">").append(esc(c.id())).append(" <span class=\"verdict ")
                .append(Verdicts.css(c.verdict())).append("\" id=\"case-verdict\">").append(esc(c.verdict()))
                .append("</span></h1>\n");
        b.append("<div class=\"sub\">").append(esc(c.title())).append("</div>\n");
        b.append("<table class=\"kv\">")
                .append(row("target", esc(target.label())))
                .append(row("category", esc(c.category())))
                .append(row("started", esc(c.startedAt())))
                .append(row("duration", c.durationMs() + " ms"))
                .append("</table>\n");

        b.append("<h2>Rules</h2>\n<table class=\"rules\"><tr><th>rule</th><th>level</th><th>verdict here</th>"
                + "<th>text</th></tr>\n");
        for (String id : c.rules()) {
            ruleRow(b, id, c.ruleVerdicts().get(id), rules.get(id));
        }
        c.ruleVerdicts().keySet().stream().filter(id -> !c.rules().contains(id)).sorted()
                .forEach(id -> ruleRow(b, id, c.ruleVerdicts().get(id), rules.get(id)));
        b.append("</table>\n");

        if (!problems.isEmpty()) {
            b.append("<h2>What went wrong</h2>\n");
            for (Problems.Problem p : problems.problems()) {
                b.append("<div class=\"problem").append("NON-STRICT".equals(p.verdict()) ? " non-strict" : "")
                        .append("\"><b>").append(esc(p.verdict())).append(p.rule() == null ? "" : " " + esc(p.rule()))
                        .append("</b>: ").append(esc(p.message()));
                if (p.expected() != null) {
                    b.append("<br>expected: <code>").append(esc(p.expected())).append("</code>");
                }
                if (p.observed() != null) {
                    b.append("<br>observed: <code>").append(esc(p.observed())).append("</code>");
                }
                b.append("</div>\n");
            }
        }
        if (!c.findings().isEmpty()) {
            b.append("<h2>Findings</h2>\n<table class=\"findings\"><tr><th>rule</th><th>verdict</th><th>message</th>"
                    + "</tr>\n");
            for (Finding f : c.findings()) {
                b.append("<tr><td>").append(esc(f.rule() == null ? "(harness)" : f.rule())).append("</td><td>")
                        .append(badge(f.verdict())).append("</td><td>").append(esc(f.message())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }

        b.append("<h2>Exchange</h2>\n<div class=\"diagram\" id=\"diagram\">").append(svg).append("</div>\n");

        b.append("<h2>Raw transcript</h2>\n<table class=\"transcript\" id=\"transcript\"><tr><th>seq</th><th>at</th>"
                + "<th>client</th><th>direction</th><th>text</th><th>framing</th></tr>\n");
        c.transcript().stream().sorted(Comparator.comparingLong(TranscriptEntry::seq)).forEach(e -> {
            boolean hit = problems.highlightedSeqs().contains(e.seq());
            b.append("<tr").append(hit ? " class=\"highlight\"" : "").append("><td class=\"num\">").append(e.seq())
                    .append("</td><td class=\"mono\">").append(esc(e.at())).append("</td><td>").append(esc(e.client()))
                    .append("</td><td class=\"dir-").append(esc(e.direction())).append("\">").append(esc(e.direction()))
                    .append("</td><td><pre>").append(esc(e.text())).append("</pre></td><td class=\"mono\">")
                    .append(esc(framing(e))).append("</td></tr>\n");
        });
        b.append("</table>\n");
        return page(c.id() + " · " + c.verdict() + " · chatspec conformance", ROOT, b.toString());
    }

    private static void ruleRow(StringBuilder b, String id, String verdict, RuleResult rule) {
        b.append("<tr><td><b>").append(esc(id)).append("</b></td><td>").append(esc(rule == null ? "" : rule.level()))
                .append("</td><td>").append(verdict == null ? "<span class=\"muted\">not reached</span>" : badge(verdict))
                .append("</td><td>").append(esc(rule == null ? "" : rule.text())).append("</td></tr>\n");
    }

    private static String framing(TranscriptEntry e) {
        if (!e.isReceived()) {
            return "";
        }
        String nl = e.newline() == null ? "" : e.newline();
        return Boolean.TRUE.equals(e.sharedSegment()) ? nl + ", shared segment" : nl;
    }

    static String badge(String verdict) {
        return "<span class=\"verdict " + Verdicts.css(verdict) + "\">" + esc(verdict) + "</span>";
    }

    private static String row(String key, String valueHtml) {
        return "<tr><th>" + esc(key) + "</th><td>" + valueHtml + "</td></tr>";
    }
}
