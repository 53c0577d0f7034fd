package io.chatspec.conformance.report;

import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.judge.Judge;
import io.chatspec.conformance.judge.RuleVerdict;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Restart;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.runner.RunListener;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** One live line per case, a summary line and the per-rule tally; FAIL lines carry the reason so a terminal is enough. */
public final class ConsoleReporter implements RunListener {
    private final PrintStream out;
    private int done;
    private int total;

    public ConsoleReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void runStarted(String target, int cases) {
        total = cases;
        out.println("chatspec conformance: " + cases + " cases against " + target);
    }

    @Override
    public void caseFinished(CaseResult r) {
        done++;
        out.printf("[%3d/%d] %-10s %-42s %-64s %6d ms%n", done, total, r.verdict().label(), r.id(), clip(r.title(), 64),
                r.durationMs());
        if (r.verdict() != Verdict.PASS && r.verdict() != Verdict.INFO && r.reason() != null) {
            out.println("           " + clip(r.reason(), 160));
        }
        out.flush();
    }

    @Override
    public void targetRestarted(Restart r) {
        out.println("  !! target stopped serving in the " + r.phase() + " phase"
                + (r.exitStatus() != null ? " (" + r.exitStatus() + ")" : "") + " with "
                + String.join(", ", r.inFlight()) + " in flight; restarted it"
                + (r.blamed() != null ? " (" + r.blamed() + " re-run alone)" : "; cases in flight run again alone"));
        out.flush();
    }

    @Override
    public void caseRevised(CaseResult r) {
        out.printf("[ revised] %-10s %-42s%n", r.verdict().label(), r.id());
        if (r.reason() != null) {
            out.println("           " + clip(r.reason(), 160));
        }
        out.flush();
    }

    @Override
    public void runFinished(RunResult run) {
        Map<Verdict, Integer> c = run.counts();
        StringBuilder sb = new StringBuilder("summary: ").append(run.cases().size()).append(" cases");
        for (Verdict v : Verdict.values()) {
            sb.append(", ").append(c.get(v)).append(' ').append(v.label());
        }
        sb.append(" in ").append(String.format(java.util.Locale.ROOT, "%.1f s", run.durationMs() / 1000.0));
        if (!run.restarts().isEmpty()) {
            sb.append(", ").append(run.restarts().size()).append(" target restart(s)");
        }
        sb.append(" (exit ").append(run.exitCode()).append(')');
        out.println(sb);
        List<RuleVerdict> rules = Judge.perRule(RuleCatalog.bundled(), run.cases());
        out.println(Judge.summary(rules));
        for (Verdict v : List.of(Verdict.FAIL, Verdict.ERROR)) {
            List<String> ids = Judge.withVerdict(rules, v);
            if (!ids.isEmpty()) {
                out.println(v.label() + " rules: " + String.join(", ", ids));
            }
        }
        for (Restart r : run.restarts()) {
            out.println("restart at " + r.at() + ": " + (r.blamed() != null ? "blamed on " + r.blamed()
                    : r.rule() != null ? "FAILs " + r.rule() : "unsettled") + (r.why() != null ? " (" + r.why() + ")" : "")
                    + (r.exitStatus() != null ? "; " + r.exitStatus() : ""));
        }
        if (run.restarts().size() > 1 && run.options().getOrDefault("parallelism", 1) instanceof Integer p && p > 1) {
            out.println("hint: the target went down " + run.restarts().size() + " times; --parallel 1 gives a slower "
                    + "run that needs fewer restarts");
        }
        if (!run.aliases().isEmpty()) {
            StringBuilder a = new StringBuilder("aliases in force (the target's spelling = the spec's):");
            run.aliases().forEach((server, spec) -> a.append(' ').append(server).append('=').append(spec));
            out.println(a.append("; MSG-1 is judged without them, and the exit code is at least 1"));
        }
        out.flush();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
