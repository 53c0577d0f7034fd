package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.cases.Phase;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.dsl.CaseEnv;
import io.chatspec.conformance.dsl.Names;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.target.Probe;
import io.chatspec.conformance.target.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs selected cases against a target in three phases (core in parallel, risky one by one, slow in parallel),
 * notices when the target stops answering, pins the crash on the case that caused it, and either restarts the
 * target (when the harness started it) or marks the remaining cases ERROR.
 */
public final class SuiteRunner {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final Target target;
    private final RunSettings settings;
    private final RunListener listener;
    private final Set<Extension> claims;
    private final Names names = Names.random();
    private final Object crashLock = new Object();
    private volatile String downReason;

    public SuiteRunner(Target target, RunSettings settings, RunListener listener) {
        this.target = target;
        this.settings = settings;
        this.listener = listener;
        this.claims = settings.claims() != null ? settings.claims() : target.defaultClaims();
    }

    public Set<Extension> claims() {
        return claims;
    }

    public RunResult run(List<ConformanceCase> cases) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        CaseEnv env = new CaseEnv(target::address, settings, claims, names, RuleCatalog.bundled());
        CaseExecutor executor = new CaseExecutor(env);
        listener.runStarted(target.describe(), cases.size());
        Map<String, CaseResult> results = new ConcurrentHashMap<>();
        if (!Probe.answers(target.address(), settings.replyTimeout())) {
            downReason = "target unreachable at " + target.address().getHostString() + ":" + target.address().getPort();
        }
        for (Phase phase : Phase.values()) {
            List<ConformanceCase> inPhase = cases.stream().filter(c -> c.phase() == phase).toList();
            int threads = phase == Phase.RISKY ? 1 : Math.max(1, settings.parallelism());
            runPhase(inPhase, threads, executor, results);
        }
        List<CaseResult> ordered = new ArrayList<>();
        cases.forEach(c -> ordered.add(results.get(c.id())));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("replyTimeoutMs", settings.replyTimeout().toMillis());
        options.put("quietWindowMs", settings.quietWindow().toMillis());
        options.put("transferTimeoutMs", settings.transferTimeout().toMillis());
        options.put("numericLength", settings.numericLength());
        options.put("parallelism", settings.parallelism());
        options.put("maxMessageSize", settings.maxMessageSize());
        options.put("relayPorts", settings.relayPortCount());
        options.put("include", settings.include());
        options.put("exclude", settings.exclude());
        options.put("aliases", settings.aliases().asMap());
        options.put("limits", settings.limits().asMap());
        Set<String> claimNames = new TreeSet<>();
        claims.forEach(e -> claimNames.add(e.name()));
        RunResult run = new RunResult(target.describe(), claimNames, RuleCatalog.bundled().specVersion(),
                names.runTag(), started, (System.nanoTime() - t0) / 1_000_000, settings.strict(), options, ordered);
        listener.runFinished(run);
        return run;
    }

    private void runPhase(List<ConformanceCase> cases, int threads, CaseExecutor executor,
                          Map<String, CaseResult> results) {
        if (cases.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, cases.size()), r -> {
            Thread t = new Thread(r, "chatspec-case");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ConformanceCase c : cases) {
                futures.add(pool.submit(() -> {
                    CaseResult r = runOne(c, executor);
                    results.put(c.id(), r);
                    synchronized (listener) {
                        listener.caseFinished(r);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IllegalStateException("case runner failed", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private CaseResult runOne(ConformanceCase c, CaseExecutor executor) {
        String down = downReason;
        if (down != null) {
            return notRun(c, down);
        }
        CaseResult r = executor.run(c);
        // Probed after every case, not only after a FAIL: a case about an unclaimed extension ends INFO even when
        // its input killed the server, and the next case must not take the blame for that crash.
        if (!Probe.serves(target.address(), probeTimeout())) {
            if (blamable(c, r)) {
                r = crashed(r);
            }
            handleCrash(c);
        }
        return r;
    }

    /**
     * A case that ran alone (every risky case; every case with --parallel 1) caused a crash right after it, whatever
     * its checks said. A case that passed beside others saw nothing wrong: marking it FAIL could blame a bystander.
     */
    private boolean blamable(ConformanceCase c, CaseResult r) {
        return c.phase() == Phase.RISKY || settings.parallelism() <= 1 || r.verdict() != Verdict.PASS;
    }

    private void handleCrash(ConformanceCase culprit) {
        synchronized (crashLock) {
            if (downReason != null || Probe.serves(target.address(), probeTimeout())) {
                return;
            }
            if (target.restartable()) {
                try {
                    target.restart();
                    return;
                } catch (RuntimeException e) {
                    downReason = "target crashed after case " + culprit.id() + " and could not be restarted: "
                            + e.getMessage();
                    return;
                }
            }
            downReason = "target unreachable since it crashed after case " + culprit.id();
        }
    }

    /** A round trip must come back within the reply timeout (at least the old TCP probe's second). */
    private Duration probeTimeout() {
        return settings.replyTimeout().compareTo(PROBE_TIMEOUT) > 0 ? settings.replyTimeout() : PROBE_TIMEOUT;
    }

    private static CaseResult crashed(CaseResult r) {
        String why = "target crashed/unreachable after " + r.id() + (r.reason() != null ? " (" + r.reason() + ")" : "");
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(new Finding(null, Verdict.FAIL, why, "the server keeps serving", "no answer to a probe"));
        // the crash is the case's doing: its declared rules FAIL, whatever its checks said before the crash
        Map<String, Verdict> rv = new LinkedHashMap<>(r.ruleVerdicts());
        r.rules().forEach(rule -> rv.put(rule, Verdict.FAIL));
        return new CaseResult(r.id(), r.title(), r.category(), r.rules(), Verdict.FAIL, rv, r.startedAt(),
                r.durationMs(), why, r.expected(), r.observed(), findings, r.transcript());
    }

    private static CaseResult notRun(ConformanceCase c, String reason) {
        Map<String, Verdict> rv = new LinkedHashMap<>();
        c.rules().forEach(rule -> rv.put(rule, Verdict.ERROR));
        return new CaseResult(c.id(), c.title(), c.category(), c.rules(), Verdict.ERROR, rv, Instant.now(), 0, reason,
                null, null, List.of(new Finding(null, Verdict.ERROR, reason, null, null)), List.of());
    }
}
