package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.cases.Phase;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.dsl.CaseEnv;
import io.chatspec.conformance.dsl.Names;
import io.chatspec.conformance.dsl.Restarter;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Restart;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.conformance.target.Probe;
import io.chatspec.conformance.target.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs selected cases against a target in three phases (core in parallel, risky one by one, slow in parallel),
 * notices when the target stops answering and settles who crashed it, whatever {@code --parallel} is: a target the
 * harness started is restarted, and every case that was in flight (plus any case whose transfer was due to time out
 * then) runs again alone. A case that crashes it alone is blamed; the others keep their solo verdict; if none does,
 * commands arriving together crashed it, which FAILs {@value #CONCURRENCY_RULE}. A target the harness cannot restart
 * ends the run's judging: the case that ran alone (or failed) when it died is blamed, the rest are ERROR.
 */
public final class SuiteRunner {
    /** Core rule a crash FAILs when it takes several cases at once and none of them alone. */
    public static final String CONCURRENCY_RULE = "FRAME-12";
    /** Core rule a crash FAILs when one case's input causes it. */
    public static final String ROBUSTNESS_RULE = "FRAME-13";
    /** The case that tests {@value #CONCURRENCY_RULE} directly, and carries crashes pinned on that rule. */
    public static final String CONCURRENCY_CASE = "framing.simultaneous";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final Target target;
    private final RunSettings settings;
    /** How the target last failed a probe. */
    private volatile Probe.Health down = Probe.Health.UNREACHABLE;
    private final RunListener listener;
    private final Set<Extension> claims;
    private final Names names = Names.random();
    private final Object crashLock = new Object();
    private final TransferDeadlines deadlines;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Every restart, in order; guarded by crashLock. */
    private final List<Incident> incidents = new ArrayList<>();
    private final Map<String, ConformanceCase> byId = new LinkedHashMap<>();
    private volatile String downReason;
    private volatile int epoch;
    private volatile Instant lastServed = Instant.now();
    private volatile Phase phase = Phase.CORE;

    public SuiteRunner(Target target, RunSettings settings, RunListener listener) {
        this.target = target;
        this.settings = settings;
        this.listener = listener;
        this.claims = settings.claims() != null ? settings.claims() : target.defaultClaims();
        this.deadlines = new TransferDeadlines(settings.transferTimeout());
    }

    /** Runs these cases; the run records no --include/--exclude. */
    public RunResult run(List<ConformanceCase> cases) {
        return run(cases, Selection.ALL);
    }

    /** Runs these cases, recording the selection that chose them in the run's options. */
    public RunResult run(List<ConformanceCase> cases, Selection selection) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        CaseEnv env = new CaseEnv(target::address, settings, claims, names, RuleCatalog.bundled(), restarter());
        CaseExecutor executor = new CaseExecutor(env, deadlines);
        cases.forEach(c -> byId.put(c.id(), c));
        listener.runStarted(target.describe(), cases.size());
        Map<String, CaseResult> results = new ConcurrentHashMap<>();
        if (!Probe.answers(target.address(), settings.replyTimeout())) {
            downReason = "target unreachable at " + target.address().getHostString() + ":" + target.address().getPort();
        }
        for (Phase p : Phase.values()) {
            phase = p;
            List<ConformanceCase> inPhase = cases.stream().filter(c -> c.phase() == p).toList();
            int threads = p == Phase.RISKY ? 1 : Math.max(1, settings.parallelism());
            runPhase(inPhase, threads, executor, results);
        }
        List<CaseResult> ordered = new ArrayList<>();
        cases.forEach(c -> ordered.add(results.get(c.id())));
        chargeConcurrency(ordered);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("replyTimeoutMs", settings.replyTimeout().toMillis());
        options.put("quietWindowMs", settings.quietWindow().toMillis());
        options.put("transferTimeoutMs", settings.transferTimeout().toMillis());
        options.put("numericLength", settings.numericLength());
        options.put("parallelism", settings.parallelism());
        options.put("maxMessageSize", settings.maxMessageSize());
        options.put("relayPorts", settings.relayPortCount());
        options.put("include", selection.include());
        options.put("exclude", selection.exclude());
        options.put("aliases", settings.aliases().asMap());
        options.put("limits", settings.limits().asMap());
        Set<String> claimNames = new TreeSet<>();
        claims.forEach(e -> claimNames.add(e.name()));
        List<Restart> restarts;
        synchronized (crashLock) {
            restarts = incidents.stream().map(Incident::toRestart).toList();
        }
        RunResult run = new RunResult(target.describe(), claimNames, RuleCatalog.bundled().specVersion(),
                names.runTag(), started, (System.nanoTime() - t0) / 1_000_000, settings.strict(), options, ordered,
                restarts);
        listener.runFinished(run);
        return run;
    }

    /** Cases that restart the target run in the risky phase, alone, so no other case sees the restart. */
    private Restarter restarter() {
        if (!target.restartable()) {
            return Restarter.NONE;
        }
        return new Restarter() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public void stopAndStart(How how) {
                synchronized (crashLock) {
                    target.stopAndStart(how);
                }
            }
        };
    }

    private void runPhase(List<ConformanceCase> cases, int threads, CaseExecutor executor,
                          Map<String, CaseResult> results) {
        if (cases.isEmpty()) {
            return;
        }
        List<ConformanceCase> suspects = Collections.synchronizedList(new ArrayList<>());
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
                    if (r == null) {
                        suspects.add(c);
                    } else {
                        publish(results, r);
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
        if (!suspects.isEmpty()) {
            // back in submission order, so the solo runs read like the phase
            List<ConformanceCase> ordered = cases.stream().filter(suspects::contains).toList();
            settle(ordered, executor, results);
        }
    }

    private void publish(Map<String, CaseResult> results, CaseResult r) {
        results.put(r.id(), r);
        synchronized (listener) {
            listener.caseFinished(r);
        }
    }

    /** The case's result, or null when the target went down while it ran: it must run again, alone. */
    private CaseResult runOne(ConformanceCase c, CaseExecutor executor) {
        String down = downReason;
        if (down != null) {
            return notRun(c, down);
        }
        int startEpoch = epoch;
        running.add(c.id());
        CaseResult r;
        boolean serves;
        Incident mine = null;
        try {
            r = executor.run(c);
            // Probed after every case, not only after a FAIL: a case about an unclaimed extension ends INFO even
            // when its input killed the server, and the next case must not take the blame for that crash.
            serves = serving();
            if (!serves && target.restartable()) {
                mine = goneDown(c);
            }
        } finally {
            running.remove(c.id());
        }
        if (serves && epoch == startEpoch) {
            lastServed = Instant.now();
            return r;
        }
        if (!target.restartable()) {
            if (!serves) {
                if (blamable(c, r)) {
                    r = crashed(r, null);
                }
                giveUp(c);
            }
            return r;
        }
        if (mine != null && mine.inFlight.equals(Set.of(c.id())) && mine.transfersDue.isEmpty()) {
            // nothing else ran and no transfer was due: running it again would only crash the target again
            synchronized (crashLock) {
                mine.blamed = c.id();
                mine.why = "it ran alone when the target went down";
            }
            return crashed(r, mine.why);
        }
        if (downReason != null) {
            // the restart failed: what this case saw is all there is
            return blamable(c, r) ? crashed(r, null) : r;
        }
        return null;
    }

    /**
     * Without a restart no case can run alone again: a case that ran alone (every risky case; every case with
     * --parallel 1) caused the crash right after it, whatever its checks said; one that passed beside others saw
     * nothing wrong, and marking it FAIL could blame a bystander.
     */
    private boolean blamable(ConformanceCase c, CaseResult r) {
        return c.phase() == Phase.RISKY || settings.parallelism() <= 1 || r.verdict() != Verdict.PASS;
    }

    private void giveUp(ConformanceCase culprit) {
        synchronized (crashLock) {
            if (downReason == null && !serving()) {
                downReason = down.crashed() ? "target unreachable since it crashed after case " + culprit.id()
                        : "target " + down.says() + " since case " + culprit.id();
            }
        }
    }

    /** The target stopped serving after {@code c}: note what was in flight, and restart it (once per crash). */
    private Incident goneDown(ConformanceCase c) {
        synchronized (crashLock) {
            if (downReason != null) {
                return null;
            }
            if (serving()) {
                // another case found it down first and restarted it; c was in flight for that crash
                if (!incidents.isEmpty()) {
                    incidents.get(incidents.size() - 1).inFlight.add(c.id());
                }
                return null;
            }
            Set<String> inFlight = new LinkedHashSet<>(running);
            inFlight.add(c.id());
            Instant now = Instant.now();
            Incident inc = new Incident(now, phase, lastServed, inFlight, target.exitStatus());
            inc.transfersDue.addAll(deadlines.dueBetween(lastServed, now, probeTimeout()));
            inc.transfersDue.removeAll(inFlight);
            restart(inc, c);
            return inc;
        }
    }

    private void restart(Incident inc, ConformanceCase after) {
        incidents.add(inc);
        try {
            target.restart();
            epoch++;
            deadlines.clearAll();
            lastServed = Instant.now();
            synchronized (listener) {
                listener.targetRestarted(inc.toRestart());
            }
        } catch (RuntimeException e) {
            downReason = "target crashed after case " + after.id() + " and could not be restarted: " + e.getMessage();
        }
    }

    /**
     * Runs every case that was in flight when the target went down again, one at a time, waiting past any transfer
     * it leaves pending: the one that crashes it alone is blamed; every other gets its solo verdict. Then each crash
     * no solo run reproduced is charged to a case whose transfer was due then, else to concurrency.
     */
    private void settle(List<ConformanceCase> suspects, CaseExecutor executor, Map<String, CaseResult> results) {
        List<Incident> open;
        synchronized (crashLock) {
            open = incidents.stream().filter(i -> i.blamed == null && i.rule == null).toList();
        }
        Set<String> due = new LinkedHashSet<>();
        open.forEach(i -> due.addAll(i.transfersDue));
        suspects.forEach(c -> due.remove(c.id()));
        List<ConformanceCase> all = new ArrayList<>(suspects);
        due.stream().map(byId::get).filter(c -> c != null).forEach(all::add);
        Map<String, CaseResult> solo = new LinkedHashMap<>();
        for (ConformanceCase c : all) {
            String down = downReason;
            if (down != null) {
                solo.put(c.id(), notRun(c, down));
                continue;
            }
            deadlines.clear(c.id());
            CaseResult r = executor.run(c);
            boolean serves = serving();
            Optional<Instant> pending = deadlines.latest(c.id());
            boolean deferred = false;
            if (serves && pending.isPresent() && due.contains(c.id())) {
                awaitPast(pending.get().plus(probeTimeout()));
                serves = serving();
                deferred = !serves;
            }
            if (serves) {
                lastServed = Instant.now();
                solo.put(c.id(), r);
                continue;
            }
            String why = deferred
                    ? "it left a transfer pending, and the target crashed when that transfer's timeout ("
                    + settings.transferTimeout().toMillis() + " ms after send_file) fell due, also when re-run alone"
                    : "it crashed the target again when re-run alone";
            solo.put(c.id(), crashed(r, why));
            synchronized (crashLock) {
                for (Incident i : open) {
                    if (i.blamed == null && (i.inFlight.contains(c.id()) || i.transfersDue.contains(c.id()))) {
                        i.blamed = c.id();
                        i.why = why;
                    }
                }
                Incident again = new Incident(Instant.now(), phase, lastServed,
                        new LinkedHashSet<>(List.of(c.id())), target.exitStatus());
                again.blamed = c.id();
                again.why = why + " (re-run)";
                restart(again, c);
            }
        }
        synchronized (crashLock) {
            for (Incident i : open) {
                if (i.blamed != null || i.rule != null) {
                    continue;
                }
                if (i.inFlight.size() > 1) {
                    i.rule = CONCURRENCY_RULE;
                    i.why = "none of the " + i.inFlight.size() + " cases in flight crashed it when re-run alone: "
                            + "commands arriving together on different connections did";
                } else {
                    String only = i.inFlight.iterator().next();
                    i.blamed = only;
                    i.why = "it ran alone when the target went down (re-run alone, it did not crash it again)";
                    CaseResult r = solo.get(only);
                    if (r != null && r.verdict() != Verdict.ERROR) {
                        solo.put(only, crashed(r, i.why));
                    }
                }
            }
        }
        for (ConformanceCase c : all) {
            CaseResult r = solo.get(c.id());
            if (suspects.contains(c)) {
                publish(results, r);
            } else if (r.verdict() == Verdict.FAIL || !results.containsKey(c.id())) {
                // a case from earlier, charged for its transfer's timeout: its line is revised
                results.put(c.id(), r);
                synchronized (listener) {
                    listener.caseRevised(r);
                }
            }
        }
    }

    private static void awaitPast(Instant when) {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            try {
                // the runner waits for the target's own timer here; no condition of ours could end it earlier
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Crashes no single case caused FAIL the concurrency rule, on the case that tests it (added if not selected). */
    private void chargeConcurrency(List<CaseResult> ordered) {
        List<Incident> concurrent;
        synchronized (crashLock) {
            concurrent = incidents.stream().filter(i -> CONCURRENCY_RULE.equals(i.rule)).toList();
        }
        if (concurrent.isEmpty()) {
            return;
        }
        List<Finding> extra = new ArrayList<>();
        for (Incident i : concurrent) {
            extra.add(new Finding(CONCURRENCY_RULE, Verdict.FAIL, "the target went down at " + i.at + " in the "
                    + i.phase + " phase with " + String.join(", ", i.inFlight) + " in flight; " + i.why,
                    "commands arriving together on different connections are each answered; the server keeps serving",
                    i.exitStatus != null ? "target down (" + i.exitStatus + ")" : "target down"));
        }
        int at = -1;
        for (int k = 0; k < ordered.size(); k++) {
            if (ordered.get(k) != null && CONCURRENCY_CASE.equals(ordered.get(k).id())) {
                at = k;
            }
        }
        if (at >= 0) {
            CaseResult r = ordered.get(at);
            List<Finding> fs = new ArrayList<>(r.findings());
            fs.addAll(extra);
            Map<String, Verdict> rv = new LinkedHashMap<>(r.ruleVerdicts());
            rv.put(CONCURRENCY_RULE, Verdict.FAIL);
            boolean wasFail = r.verdict() == Verdict.FAIL;
            ordered.set(at, new CaseResult(r.id(), r.title(), r.category(), r.rules(), Verdict.FAIL, rv,
                    r.startedAt(), r.durationMs(), wasFail ? r.reason() : CONCURRENCY_RULE + ": " + extra.get(0).message(),
                    wasFail ? r.expected() : extra.get(0).expected(), wasFail ? r.observed() : extra.get(0).observed(),
                    fs, r.transcript()));
        } else {
            Map<String, Verdict> rv = new LinkedHashMap<>();
            rv.put(CONCURRENCY_RULE, Verdict.FAIL);
            ordered.add(new CaseResult(CONCURRENCY_CASE, "Commands arriving together on different connections are "
                    + "each answered (crashes under --parallel no single case caused)", "framing",
                    List.of(CONCURRENCY_RULE), Verdict.FAIL, rv, concurrent.get(0).at, 0,
                    CONCURRENCY_RULE + ": " + extra.get(0).message(), extra.get(0).expected(), extra.get(0).observed(),
                    extra, List.of()));
        }
    }

    /** One probe of the target; when it does not serve, how it fails is kept for the findings that follow. */
    private boolean serving() {
        Probe.Health h = Probe.health(target.address(), probeTimeout());
        if (h != Probe.Health.SERVES) {
            down = h;
        }
        return h == Probe.Health.SERVES;
    }

    /** "crashed" for a target that is gone, else what it does instead of answering. */
    private String downPhrase() {
        Probe.Health h = down;
        return h.crashed() ? "crashed (it " + h.says() + ")" : "stopped answering (it " + h.says() + ")";
    }

    /** A round trip must come back within the reply timeout (at least the old TCP probe's second). */
    private Duration probeTimeout() {
        return settings.replyTimeout().compareTo(PROBE_TIMEOUT) > 0 ? settings.replyTimeout() : PROBE_TIMEOUT;
    }

    /**
     * The case's input took the target down: that is one finding, against {@value #ROBUSTNESS_RULE} (no input
     * crashes the server), or {@value #CONCURRENCY_RULE} for the case that sends commands at once on purpose. What its own checks FAILed after the crash is the crash seen again (a closed connection,
     * a reply that never came), so those rules are SKIPPED as not judged rather than FAILed a second time; what
     * they PASSed before the crash stands.
     */
    private CaseResult crashed(CaseResult r, String why) {
        String text = "target " + downPhrase() + " after " + r.id() + (why != null ? ": " + why : "")
                + (r.reason() != null ? " (the case itself: " + r.reason() + ")" : "");
        String rule = r.rules().contains(CONCURRENCY_RULE) ? CONCURRENCY_RULE : ROBUSTNESS_RULE;
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(new Finding(rule, Verdict.FAIL, text, "the server keeps serving", "the target " + down.says()));
        Map<String, Verdict> rv = new LinkedHashMap<>();
        r.ruleVerdicts().forEach((id, v) -> rv.put(id, v == Verdict.FAIL ? Verdict.SKIPPED : v));
        rv.put(rule, Verdict.FAIL);
        List<String> rules = new ArrayList<>(r.rules());
        if (!rules.contains(rule)) {
            rules.add(rule);
        }
        return new CaseResult(r.id(), r.title(), r.category(), rules, Verdict.FAIL, rv, r.startedAt(),
                r.durationMs(), text, r.expected(), r.observed(), findings, r.transcript());
    }

    private static CaseResult notRun(ConformanceCase c, String reason) {
        Map<String, Verdict> rv = new LinkedHashMap<>();
        c.rules().forEach(rule -> rv.put(rule, Verdict.ERROR));
        return new CaseResult(c.id(), c.title(), c.category(), c.rules(), Verdict.ERROR, rv, Instant.now(), 0, reason,
                null, null, List.of(new Finding(null, Verdict.ERROR, reason, null, null)), List.of());
    }

    /** One time the target went down, and what the settling found. */
    private static final class Incident {
        final Instant at;
        final Phase phase;
        final Instant lastServed;
        final Set<String> inFlight;
        final Set<String> transfersDue = new LinkedHashSet<>();
        final String exitStatus;
        String blamed;
        String rule;
        String why;

        Incident(Instant at, Phase phase, Instant lastServed, Set<String> inFlight, String exitStatus) {
            this.at = at;
            this.phase = phase;
            this.lastServed = lastServed;
            this.inFlight = inFlight;
            this.exitStatus = exitStatus;
        }

        Restart toRestart() {
            List<String> suspects = new ArrayList<>(inFlight);
            suspects.addAll(transfersDue);
            String charged = rule != null ? rule
                    : blamed == null ? null : CONCURRENCY_CASE.equals(blamed) ? CONCURRENCY_RULE : ROBUSTNESS_RULE;
            return new Restart(at, phase.name(), suspects, blamed, charged, why, exitStatus);
        }
    }
}
