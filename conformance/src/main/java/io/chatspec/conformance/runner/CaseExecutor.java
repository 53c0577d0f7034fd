package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.dsl.CaseCannotRun;
import io.chatspec.conformance.dsl.CaseEnv;
import io.chatspec.conformance.dsl.CaseSkipped;
import io.chatspec.conformance.dsl.CaseStopped;
import io.chatspec.conformance.dsl.CheckFailure;
import io.chatspec.conformance.dsl.PrerequisiteFailure;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.conformance.dsl.TargetUnreachable;
import io.chatspec.conformance.judge.FramingFindings;
import io.chatspec.conformance.judge.Judge;
import io.chatspec.conformance.judge.Judgement;
import io.chatspec.conformance.judge.ScriptOutcome;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.client.Transcript;
import io.chatspec.protocol.client.TranscriptEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs one case's script and records what happened (findings, how it ended, the transcript); the {@link Judge}
 * turns that into verdicts.
 */
public final class CaseExecutor {
    private final CaseEnv env;
    private final TransferDeadlines deadlines;
    private final Judge judge;

    public CaseExecutor(CaseEnv env) {
        this(env, null);
    }

    CaseExecutor(CaseEnv env, TransferDeadlines deadlines) {
        this.env = env;
        this.deadlines = deadlines;
        this.judge = new Judge(env.catalog(), env.claims(), env.settings().strict());
    }

    public CaseResult run(ConformanceCase c) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Scenario s = new Scenario(env);
        if (deadlines != null) {
            s.watchCommands(m -> {
                if (Commands.SEND_FILE.equals(m.cmd())) {
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
        findings.addAll(s.findings());
        List<TranscriptEntry> transcript = Transcript.merge(s.transcripts());
        findings.addAll(FramingFindings.of(transcript, s.segmentationJudged(), s::wasConsumed));
        Judgement j = judge.judge(c.rules(), new ScriptOutcome(findings, forced, reason, expected, observed,
                completed, stopped, s.checkedRules(), s.currentRules()));
        return new CaseResult(c.id(), c.title(), c.category(), c.rules(), j.verdict(), j.ruleVerdicts(), started,
                (System.nanoTime() - t0) / 1_000_000, j.reason(), j.expected(), j.observed(), j.findings(), transcript);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
