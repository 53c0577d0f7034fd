package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.conformance.ConformanceRun.RuleResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.chatspec.reports.conformance.CasePage.badge;
import static io.chatspec.reports.html.Html.esc;
import static io.chatspec.reports.html.Html.page;

/**
 * The summary page: verdict totals per target, then the Autobahn-style matrix (rows = rule IDs grouped by spec
 * section, columns = targets, cells = verdict linking to the case that decided it).
 */
public final class MatrixPage {
    private MatrixPage() {
    }

    public static String html(List<TargetRun> targets, Instant generatedAt) {
        StringBuilder b = new StringBuilder(65536);
        b.append("<h1>chatspec conformance report</h1>\n<div class=\"sub\">")
                .append(targets.size()).append(targets.size() == 1 ? " target" : " targets")
                .append(" · spec version ").append(esc(targets.get(0).run().specVersion()))
                .append(" · generated ").append(esc(generatedAt)).append("</div>\n");
        targetsTable(b, targets);
        totals(b, targets, "Cases per verdict", "case-totals", Verdicts.CASE_VERDICTS, t -> t.run().caseTotals());
        totals(b, targets, "Rules per verdict", "rule-totals", Verdicts.RULE_VERDICTS, MatrixPage::ruleTotals);
        legend(b);
        matrix(b, targets);
        return page("chatspec conformance report", "", b.toString());
    }

    private static void targetsTable(StringBuilder b, List<TargetRun> targets) {
        b.append("<h2>Targets</h2>\n<table class=\"targets\"><tr><th>#</th><th>target</th><th>description</th>"
                + "<th>claims</th><th>started</th><th class=\"num\">duration</th><th>mode</th><th>details</th></tr>\n");
        for (TargetRun t : targets) {
            ConformanceRun r = t.run();
            b.append("<tr><td>").append(t.index()).append("</td><td><b>").append(esc(t.label())).append("</b></td><td>")
                    .append(esc(r.target() == null ? "" : r.target().description())).append("</td><td>")
                    .append(esc(r.target() == null || r.target().claims() == null ? ""
                            : String.join(",", r.target().claims())))
                    .append("</td><td>").append(esc(r.startedAt())).append("</td><td class=\"num\">")
                    .append(String.format(java.util.Locale.ROOT, "%.1f s", r.durationMs() / 1000.0))
                    .append("</td><td>").append(r.strict() ? "strict" : "default")
                    .append(r.aliases().isEmpty() ? "" : "<br><span class=\"aliases\">aliases in force: " + esc(
                            r.aliases().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(java.util.stream.Collectors.joining(" "))) + "</span>")
                    .append("</td><td>")
                    .append(t.withAllure() ? "<a href=\"" + esc(t.allureIndex()) + "\">Allure report</a> · " : "")
                    .append("<a href=\"").append(esc(t.resultsCopy())).append("\">results.json</a></td></tr>\n");
        }
        b.append("</table>\n");
    }

    private interface Counter {
        Map<String, Integer> count(TargetRun t);
    }

    private static void totals(StringBuilder b, List<TargetRun> targets, String title, String id, List<String> verdicts,
                               Counter counter) {
        b.append("<h2>").append(esc(title)).append("</h2>\n<table class=\"totals\" id=\"").append(id)
                .append("\"><tr><th>target</th>");
        verdicts.forEach(v -> b.append("<th>").append(badge(v)).append("</th>"));
        b.append("<th>total</th></tr>\n");
        for (TargetRun t : targets) {
            Map<String, Integer> counts = counter.count(t);
            b.append("<tr><td><b>").append(esc(t.label())).append("</b></td>");
            int total = 0;
            for (String v : verdicts) {
                int n = counts.getOrDefault(v, 0);
                total += n;
                b.append("<td class=\"count").append(n == 0 ? " zero" : "").append("\" data-target=\"")
                        .append(t.index()).append("\" data-verdict=\"").append(esc(v)).append("\">").append(n)
                        .append("</td>");
            }
            b.append("<td class=\"count\" data-target=\"").append(t.index()).append("\" data-verdict=\"total\">")
                    .append(total).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    static Map<String, Integer> ruleTotals(TargetRun t) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        t.run().rules().forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        return counts;
    }

    private static void legend(StringBuilder b) {
        b.append("<p class=\"legend\">");
        Verdicts.RULE_VERDICTS.forEach(v -> b.append("<span>").append(badge(v)).append("</span>"));
        b.append("<br><span class=\"muted\">A rule's verdict is the worst over the cases that reached it; the cell "
                + "links to that case. +N: more cases check the rule (hover for their IDs).</span></p>\n");
    }

    private static void matrix(StringBuilder b, List<TargetRun> targets) {
        b.append("<h2>Conformance matrix</h2>\n<table class=\"matrix\" id=\"matrix\"><tr><th>rule</th><th>level</th>"
                + "<th>text</th>");
        targets.forEach(t -> b.append("<th>").append(esc(t.label())).append("</th>"));
        b.append("</tr>\n");
        String section = null;
        for (RuleResult rule : allRules(targets)) {
            if (!rule.section().equals(section)) {
                section = rule.section();
                b.append("<tr class=\"section\"><th colspan=\"").append(3 + targets.size()).append("\">")
                        .append(esc(section)).append("</th></tr>\n");
            }
            boolean anyFail = targets.stream().anyMatch(t -> "FAIL".equals(verdictOf(t, rule.id())));
            b.append("<tr class=\"rule-row").append(anyFail ? " has-fail" : "").append("\" data-rule=\"")
                    .append(esc(rule.id())).append("\"><td class=\"rule\">").append(esc(rule.id()))
                    .append("</td><td class=\"level\">").append(esc(rule.level())).append("</td><td class=\"text\" title=\"")
                    .append(esc(rule.text())).append("\">").append(esc(rule.text())).append("</td>");
            for (TargetRun t : targets) {
                cell(b, t, rule.id());
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void cell(StringBuilder b, TargetRun t, String ruleId) {
        Optional<RuleResult> rule = t.run().rules().stream().filter(r -> r.id().equals(ruleId)).findFirst();
        String verdict = rule.map(RuleResult::verdict).orElse(Verdicts.NOT_RUN);
        b.append("<td class=\"cell\" data-target=\"").append(t.index()).append("\" data-rule=\"").append(esc(ruleId))
                .append("\" data-verdict=\"").append(esc(verdict)).append("\">");
        Optional<CaseResult> decisive = rule.flatMap(r -> decisiveCase(t.run(), r));
        if (decisive.isPresent()) {
            b.append("<a class=\"verdict ").append(Verdicts.css(verdict)).append("\" href=\"")
                    .append(esc(t.casePage(decisive.get().id()))).append("\" title=\"").append(esc(decisive.get().id()))
                    .append("\">").append(esc(verdict)).append("</a>");
            List<String> others = new ArrayList<>(rule.get().cases());
            others.remove(decisive.get().id());
            if (!others.isEmpty()) {
                b.append("<span class=\"more\" title=\"").append(esc(String.join(", ", others))).append("\">+")
                        .append(others.size()).append("</span>");
            }
        } else {
            b.append(badge(verdict));
        }
        b.append("</td>");
    }

    /** The case whose verdict on this rule is the rule's verdict, i.e. the one a reader must open. */
    static Optional<CaseResult> decisiveCase(ConformanceRun run, RuleResult rule) {
        if (rule.cases() == null || rule.cases().isEmpty()) {
            return Optional.empty();
        }
        // The rule's verdict prefers cases that judged it over ERROR/SKIPPED ones, so link a case that gave
        // exactly that verdict; fall back to the worst one.
        List<CaseResult> cases = rule.cases().stream().map(run::caseById).flatMap(Optional::stream).toList();
        return cases.stream().filter(c -> rule.verdict().equals(c.ruleVerdicts().get(rule.id()))).findFirst()
                .or(() -> cases.stream().min(Comparator.comparingInt(c -> Verdicts.severity(
                        c.ruleVerdicts().getOrDefault(rule.id(), Verdicts.NOT_RUN)))));
    }

    private static String verdictOf(TargetRun t, String ruleId) {
        return t.run().rules().stream().filter(r -> r.id().equals(ruleId)).map(RuleResult::verdict).findFirst()
                .orElse(Verdicts.NOT_RUN);
    }

    /** Rules in spec order; a rule only a later run knows (another spec version) is added after its section. */
    private static List<RuleResult> allRules(List<TargetRun> targets) {
        Map<String, RuleResult> byId = new LinkedHashMap<>();
        for (TargetRun t : targets) {
            t.run().rules().forEach(r -> byId.putIfAbsent(r.id(), r));
        }
        Map<String, List<RuleResult>> bySection = new LinkedHashMap<>();
        byId.values().forEach(r -> bySection.computeIfAbsent(r.section(), s -> new ArrayList<>()).add(r));
        return bySection.values().stream().flatMap(List::stream).toList();
    }
}
