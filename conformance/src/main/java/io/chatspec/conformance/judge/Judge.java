package io.chatspec.conformance.judge;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.Level;
import io.chatspec.conformance.catalog.Rule;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict policy, in one place: how findings become a case verdict and rule verdicts (levels, claims,
 * {@code --strict}), and how rule verdicts from many cases combine into one per rule for every output.
 */
public final class Judge {
    private final RuleCatalog catalog;
    private final Set<Extension> claims;
    private final boolean strict;

    public Judge(RuleCatalog catalog, Set<Extension> claims, boolean strict) {
        this.catalog = catalog;
        this.claims = Set.copyOf(claims);
        this.strict = strict;
    }

    /** Judges what a case's script left behind; {@code caseRules} are the rules the case declares. */
    public Judgement judge(List<String> caseRules, ScriptOutcome outcome) {
        List<Finding> findings = applyPolicy(attribute(caseRules, outcome.findings()));
        Verdict forced = outcome.forced();
        String reason = outcome.reason();
        String expected = outcome.expected();
        String observed = outcome.observed();

        Verdict judgedWorst = findings.stream().map(Finding::verdict)
                .filter(v -> v == Verdict.FAIL || v == Verdict.NON_STRICT).reduce(Verdict.PASS, Verdict::worst);
        // a FAIL found before the case stopped outranks the forced SKIPPED or ERROR (FAIL > ERROR > ... > SKIPPED)
        Verdict verdict = forced == null ? judgedWorst : judgedWorst == Verdict.FAIL ? Verdict.FAIL : forced;
        // a case that could not run its situation (INFO) still shows a NON-STRICT it found on the way
        if (forced == Verdict.INFO && judgedWorst == Verdict.NON_STRICT) {
            verdict = Verdict.NON_STRICT;
        }
        if (verdict == Verdict.PASS && caseRules.stream().noneMatch(this::judged)) {
            verdict = Verdict.INFO;
        }
        if (verdict == Verdict.PASS && findings.stream().anyMatch(f -> f.verdict() == Verdict.INFO && f.rule() != null
                && Extension.ofRule(f.rule()).isPresent() && caseRules.contains(f.rule()))) {
            verdict = Verdict.INFO;
        }
        // the line a reader sees explains the verdict it shows, not whatever stopped the script first
        if (verdict == Verdict.FAIL || verdict == Verdict.NON_STRICT) {
            Verdict shown = verdict;
            Finding f = findings.stream().filter(x -> x.verdict() == shown).findFirst().orElseThrow();
            reason = f.rule() + ": " + f.message();
            expected = f.expected();
            observed = f.observed();
        }
        if (reason == null && verdict == Verdict.INFO && caseRules.stream().anyMatch(r -> Extension.ofRule(r)
                .filter(e -> !claims.contains(e)).isPresent())
                && findings.stream().anyMatch(f -> f.message().startsWith("not judged"))) {
            reason = "extension not claimed by the target; observed behaviour recorded";
        }
        return new Judgement(verdict, ruleVerdicts(caseRules, outcome, findings), reason, expected, observed,
                List.copyOf(findings));
    }

    /** A check before the case named its rules is about the case's first rule. */
    private static List<Finding> attribute(List<String> caseRules, List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(f.rule() == null && f.verdict() == Verdict.FAIL && !caseRules.isEmpty()
                    ? new Finding(caseRules.get(0), f.verdict(), f.message(), f.expected(), f.observed()) : f);
        }
        return out;
    }

    /**
     * Applies claims, levels and --strict: unclaimed extension rules are only recorded; a broken SHOULD is
     * NON-STRICT, as a tolerated deviation is (Autobahn's rule); with --strict both are FAIL.
     */
    private List<Finding> applyPolicy(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding j = f;
            if (f.rule() != null && (f.verdict() == Verdict.FAIL || f.verdict() == Verdict.NON_STRICT)) {
                if (!judged(f.rule())) {
                    j = new Finding(f.rule(), Verdict.INFO, "not judged (" + whyNotJudged(f.rule()) + "): " + f.message(),
                            f.expected(), f.observed());
                } else if (f.verdict() == Verdict.FAIL && level(f.rule()) == Level.SHOULD && !strict) {
                    j = new Finding(f.rule(), Verdict.NON_STRICT, "SHOULD not met: " + f.message(), f.expected(),
                            f.observed());
                } else if (f.verdict() == Verdict.NON_STRICT && strict) {
                    j = f.withVerdict(Verdict.FAIL);
                }
            }
            out.add(j);
        }
        return out;
    }

    private Level level(String ruleId) {
        return catalog.find(ruleId).map(Rule::level).orElse(Level.MUST);
    }

    /** Whether a rule's breach is judged: not an INFO rule, and not of an extension the target does not claim. */
    private boolean judged(String ruleId) {
        Rule r = catalog.find(ruleId).orElse(null);
        if (r != null && r.level() == Level.INFO) {
            return false;
        }
        return Extension.ofRule(ruleId).map(claims::contains).orElse(true);
    }

    private String whyNotJudged(String ruleId) {
        return Extension.ofRule(ruleId).filter(e -> !claims.contains(e)).map(e -> "extension " + e + " not claimed")
                .orElse("INFO rule");
    }

    private Map<String, Verdict> ruleVerdicts(List<String> caseRules, ScriptOutcome o, List<Finding> findings) {
        Set<String> checked = o.checked();
        Set<String> rules = new LinkedHashSet<>(caseRules);
        rules.addAll(checked);
        findings.stream().map(Finding::rule).filter(r -> r != null).forEach(rules::add);
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (String r : rules) {
            Verdict v = findings.stream().filter(f -> r.equals(f.rule())).map(Finding::verdict)
                    .reduce(null, (a, b) -> a == null ? b : a.worst(b));
            if (v == null) {
                // rules being checked when the case was forced to stop were not seen to pass
                if (o.forced() != null && (!checked.contains(r) || o.current().contains(r))) {
                    v = o.forced();
                } else if (o.stopped().contains(r)) {
                    // its step stopped on another rule's failure before this one could be seen to hold
                    v = Verdict.SKIPPED;
                } else if (o.completed() || checked.contains(r)) {
                    v = judged(r) ? Verdict.PASS : Verdict.INFO;
                } else {
                    continue;
                }
            }
            out.put(r, v);
        }
        return out;
    }

    /**
     * Per rule of the catalog, in catalog order: the worst judged verdict over the cases that reached it (ERROR or
     * SKIPPED only if none judged it, {@link Verdict#combineForRule}), or NOT-RUN. Every output reads this.
     */
    public static List<RuleVerdict> perRule(RuleCatalog catalog, List<CaseResult> cases) {
        Map<String, Verdict> worst = new LinkedHashMap<>();
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        for (CaseResult c : cases) {
            c.ruleVerdicts().forEach((rule, v) -> {
                worst.merge(rule, v, Verdict::combineForRule);
                byRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(c.id());
            });
        }
        List<RuleVerdict> out = new ArrayList<>();
        for (Rule r : catalog.rules()) {
            out.add(new RuleVerdict(r, worst.get(r.id()), byRule.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    /** How many rules got each verdict, in display order (PASS ... ERROR, then NOT-RUN); zeros included. */
    public static Map<String, Integer> tally(List<RuleVerdict> rules) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            out.put(v.label(), 0);
        }
        out.put(RuleVerdict.NOT_RUN, 0);
        rules.forEach(r -> out.merge(r.label(), 1, Integer::sum));
        return out;
    }

    /** One line for a summary: {@code 145 rules: 120 PASS, 20 INFO, ..., 0 NOT-RUN}. */
    public static String summary(List<RuleVerdict> rules) {
        StringBuilder sb = new StringBuilder().append(rules.size()).append(" rules:");
        String sep = " ";
        for (Map.Entry<String, Integer> e : tally(rules).entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        return sb.toString();
    }

    /** The IDs of the rules with the given verdict, in catalog order. */
    public static List<String> withVerdict(List<RuleVerdict> rules, Verdict v) {
        return rules.stream().filter(r -> r.verdict() == v).map(r -> r.rule().id()).toList();
    }
}
