package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.Level;
import io.chatspec.conformance.catalog.Rule;
import io.chatspec.conformance.dsl.CaseCannotRun;
import io.chatspec.conformance.dsl.CaseEnv;
import io.chatspec.conformance.dsl.CaseSkipped;
import io.chatspec.conformance.dsl.CaseStopped;
import io.chatspec.conformance.dsl.CheckFailure;
import io.chatspec.conformance.dsl.PrerequisiteFailure;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.conformance.dsl.TargetUnreachable;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.client.Direction;
import io.chatspec.protocol.client.Transcript;
import io.chatspec.protocol.client.TranscriptEntry;
import io.chatspec.protocol.framing.Frame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Runs one case and turns what happened into verdicts: per finding, per rule, per case. */
public final class CaseExecutor {
    private final CaseEnv env;
    private final TransferDeadlines deadlines;

    public CaseExecutor(CaseEnv env) {
        this(env, null);
    }

    CaseExecutor(CaseEnv env, TransferDeadlines deadlines) {
        this.env = env;
        this.deadlines = deadlines;
    }

    public CaseResult run(ConformanceCase c) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Scenario s = new Scenario(env);
        if (deadlines != null) {
            s.watchCommands(m -> {
                if (io.chatspec.protocol.Commands.SEND_FILE.equals(m.cmd())) {
                    deadlines.sendFile(c.id(), Instant.now());
                }
            });
        }
        List<Finding> findings = new ArrayList<>();
        Verdict forced = null;
        String reason = null;
        String expected = null;
        String observed = null;
        boolean completed = false;
        List<String> stopped = List.of();
        try {
            c.script().run(s);
            completed = true;
        } catch (Throwable thrown) {
            Throwable t = unwrap(thrown);
            if (t instanceof CaseStopped stop) {
                stopped = stop.unjudged();
            } else if (t instanceof CheckFailure f) {
                reason = f.getMessage();
                expected = f.expected();
                observed = f.observed();
                List<String> rules = f.rules().isEmpty() ? c.rules() : f.rules();
                for (String rule : rules) {
                    findings.add(new Finding(rule, Verdict.FAIL, f.getMessage(), f.expected(), f.observed()));
                }
            } else if (t instanceof CaseCannotRun) {
                forced = Verdict.INFO;
                reason = t.getMessage();
            } else if (t instanceof PrerequisiteFailure || t instanceof CaseSkipped) {
                forced = Verdict.SKIPPED;
                reason = t.getMessage();
            } else if (t instanceof TargetUnreachable) {
                forced = Verdict.ERROR;
                reason = t.getMessage();
            } else {
                forced = Verdict.ERROR;
                reason = "harness error: " + t;
            }
        } finally {
            s.close();
        }
        // a check before the case named its rules is about the case's first rule
        for (Finding f : s.findings()) {
            findings.add(f.rule() == null && f.verdict() == Verdict.FAIL && !c.rules().isEmpty()
                    ? new Finding(c.rules().get(0), f.verdict(), f.message(), f.expected(), f.observed()) : f);
        }
        List<TranscriptEntry> transcript = Transcript.merge(s.transcripts());
        findings.addAll(framingFindings(transcript, s.segmentationJudged(), s::wasConsumed));
        findings = judge(findings);

        Verdict judgedWorst = findings.stream().map(Finding::verdict)
                .filter(v -> v == Verdict.FAIL || v == Verdict.NON_STRICT).reduce(Verdict.PASS, Verdict::worst);
        // a FAIL found before the case stopped outranks the forced SKIPPED or ERROR (FAIL > ERROR > ... > SKIPPED)
        Verdict verdict = forced == null ? judgedWorst : judgedWorst == Verdict.FAIL ? Verdict.FAIL : forced;
        // a case that could not run its situation (INFO) still shows a NON-STRICT it found on the way
        if (forced == Verdict.INFO && judgedWorst == Verdict.NON_STRICT) {
            verdict = Verdict.NON_STRICT;
        }
        if (verdict == Verdict.PASS && c.rules().stream().noneMatch(this::judged)) {
            verdict = Verdict.INFO;
        }
        if (verdict == Verdict.PASS && findings.stream().anyMatch(f -> f.verdict() == Verdict.INFO && f.rule() != null
                && Extension.ofRule(f.rule()).isPresent() && c.rules().contains(f.rule()))) {
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
        if (reason == null && verdict == Verdict.INFO && c.rules().stream().anyMatch(r -> Extension.ofRule(r)
                .filter(e -> !env.claims(e)).isPresent()) && findings.stream().anyMatch(f -> f.message().startsWith("not judged"))) {
            reason = "extension not claimed by the target; observed behaviour recorded";
        }
        return new CaseResult(c.id(), c.title(), c.category(), c.rules(), verdict,
                ruleVerdicts(c, s.checkedRules(), s.currentRules(), findings, forced, completed, stopped), started,
                (System.nanoTime() - t0) / 1_000_000, reason, expected, observed, List.copyOf(findings), transcript);
    }

    /** Frame-level facts every case collects: FRAME-2 (garbage), FRAME-3 (no newline), FRAME-4 (coalesced). */
    static List<Finding> framingFindings(List<TranscriptEntry> transcript, boolean judgeSegments,
                                         java.util.function.BiPredicate<String, io.chatspec.protocol.Message> consumed) {
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

    /**
     * Applies claims, levels and --strict: unclaimed extension rules are only recorded; a broken SHOULD is
     * NON-STRICT, as a tolerated deviation is (Autobahn's rule); with --strict both are FAIL.
     */
    private List<Finding> judge(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding j = f;
            if (f.rule() != null && (f.verdict() == Verdict.FAIL || f.verdict() == Verdict.NON_STRICT)) {
                if (!judged(f.rule())) {
                    j = new Finding(f.rule(), Verdict.INFO, "not judged (" + whyNotJudged(f.rule()) + "): " + f.message(),
                            f.expected(), f.observed());
                } else if (f.verdict() == Verdict.FAIL && level(f.rule()) == Level.SHOULD && !env.settings().strict()) {
                    j = new Finding(f.rule(), Verdict.NON_STRICT, "SHOULD not met: " + f.message(), f.expected(),
                            f.observed());
                } else if (f.verdict() == Verdict.NON_STRICT && env.settings().strict()) {
                    j = f.withVerdict(Verdict.FAIL);
                }
            }
            out.add(j);
        }
        return out;
    }

    private Level level(String ruleId) {
        return env.catalog().find(ruleId).map(Rule::level).orElse(Level.MUST);
    }

    private boolean judged(String ruleId) {
        Rule r = env.catalog().find(ruleId).orElse(null);
        if (r != null && r.level() == Level.INFO) {
            return false;
        }
        return Extension.ofRule(ruleId).map(env::claims).orElse(true);
    }

    private String whyNotJudged(String ruleId) {
        return Extension.ofRule(ruleId).filter(e -> !env.claims(e)).map(e -> "extension " + e + " not claimed")
                .orElse("INFO rule");
    }

    private Map<String, Verdict> ruleVerdicts(ConformanceCase c, Set<String> checked, List<String> current,
                                              List<Finding> findings, Verdict forced, boolean completed,
                                              List<String> stopped) {
        Set<String> rules = new LinkedHashSet<>(c.rules());
        rules.addAll(checked);
        findings.stream().map(Finding::rule).filter(r -> r != null).forEach(rules::add);
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (String r : rules) {
            Verdict v = findings.stream().filter(f -> r.equals(f.rule())).map(Finding::verdict)
                    .reduce(null, (a, b) -> a == null ? b : a.worst(b));
            if (v == null) {
                // rules being checked when the case was forced to stop were not seen to pass
                if (forced != null && (!checked.contains(r) || current.contains(r))) {
                    v = forced;
                } else if (stopped.contains(r)) {
                    // its step stopped on another rule's failure before this one could be seen to hold
                    v = Verdict.SKIPPED;
                } else if (completed || checked.contains(r)) {
                    v = judged(r) ? Verdict.PASS : Verdict.INFO;
                } else {
                    continue;
                }
            }
            out.put(r, v);
        }
        return out;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
