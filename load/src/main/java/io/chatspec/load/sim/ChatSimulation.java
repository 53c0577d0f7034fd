package io.chatspec.load.sim;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatspec.load.baseline.BaselineComparison;
import io.chatspec.load.baseline.PlainChatBaseline;
import io.chatspec.load.gatling.ChatDsl;
import io.chatspec.load.gatling.ChatProtocolBuilder;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.protocol.Json;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

/**
 * Base of the chatspec simulations: resolves the target (starting a reference server when there is none, see
 * {@link ChatTarget}),
 * names users uniquely per run and injector, turns the SLO parameters into Gatling assertions, and writes the
 * HdrHistogram interval log and a JSON summary under {@code chatspec.out} (default {@code target/chatspec}).
 */
public abstract class ChatSimulation extends Simulation {
    protected static final String PASSWORD = "pw";

    protected final ChatTarget target = ChatTarget.fromProperties();
    protected final String injector = Params.string("injector", "0");
    /** Prefix of every user and group name of this run. */
    protected final String run = Params.string("runId", Long.toString(System.currentTimeMillis(), 36)) + "i"
            + injector;
    protected final Path out = Path.of(Params.string("out", "target/chatspec"));
    protected final int messageSize = Params.integer("messageSize", 64);
    /**
     * How long the users take to arrive: each connects, registers and logs in, two password hashes on the server,
     * so a few thousand users need more than the default second or their logins time out.
     */
    protected final Duration ramp = Params.seconds("rampSeconds", 1);
    /** Opened in {@link #before()}, closed and summarised in {@link #after()}; every action records into it. */
    private volatile LoadMetrics metrics;
    /**
     * This process's CPU time, sampled from {@link #before()} on (after the server started), so that the whole run's
     * and the chat phase's CPU can be read off afterwards.
     */
    private volatile CpuTimeline cpuTimeline;
    /** The plain-client run before the load, when the simulation asked for one and it succeeded. */
    private volatile PlainChatBaseline.Result plainBefore;

    protected ChatProtocolBuilder protocol() {
        return ChatDsl.chat()
                .target(target::address)
                .metrics(() -> metrics)
                .replyTimeout(Params.seconds("replyTimeout", 5))
                .relayTimeout(Params.seconds("relayTimeout", 120));
    }

    /** Every user of the simulation arriving evenly over {@code rampSeconds}. */
    protected OpenInjectionStep arrivals(int users) {
        return rampUsers(users).during(ramp);
    }

    /** The SLOs as Gatling assertions; a breach fails the run and so the Maven build. */
    protected Assertion[] slo(double defaultP99Ms) {
        return new Assertion[]{
                global().responseTime().percentile(99.0).lte((int) Params.decimal("slo.p99Ms", defaultP99Ms)),
                global().failedRequests().percent().lte(Params.decimal("slo.errorPct", 0.0)),
        };
    }

    protected String name() {
        return getClass().getSimpleName();
    }

    @Override
    public void before() {
        ChatDsl.resetCoordination();
        target.start(out);
        beforeLoad();
        cpuTimeline = CpuTimeline.start();
        metrics = LoadMetrics.logging(out.resolve("hdr").resolve(name() + "-" + injector + ".hlog"), injector);
        System.out.println("chatspec: " + name() + " against " + target.describe() + ", run " + run);
    }

    @Override
    public void after() {
        LoadMetrics metrics = this.metrics;
        if (metrics == null) {
            // before() failed before it opened them: nothing was measured, only the server to stop
            target.stop();
            return;
        }
        metrics.stop();
        try (CpuTimeline closing = cpuTimeline) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("simulation", name());
            report.put("injector", injector);
            report.put("target", target.describe());
            report.put("requests", RunSummary.requests(metrics));
            report.put("deliveries", metrics.deliveries().toMap());
            report.put("incompleteFanouts", metrics.fanout().incomplete());
            report.putAll(extraResults(metrics));
            write(name() + "-" + injector + ".json", report);
        } finally {
            target.stop();
        }
    }

    /**
     * Runs once the server is up and before the load and the injector's CPU timeline start, so nothing done here
     * counts as the injector's (the first plain-client baseline runs here).
     */
    protected void beforeLoad() {
    }

    /** Simulation-specific figures for the summary file (MB/s, capacity, ...). */
    protected Map<String, Object> extraResults(LoadMetrics metrics) {
        return Map.of();
    }

    /**
     * The first plain-client run, from {@link #beforeLoad()}: before the load, so that the comparison brackets it
     * (a server still warming up, or a machine that slows down, then weighs on both sides alike).
     */
    protected void plainClientBaselineBeforeLoad(int users, int perUser) {
        if (!baselineEnabled()) {
            return;
        }
        try {
            plainBefore = runPlainClient(run + "a", users, perUser);
        } catch (RuntimeException e) {
            System.out.println("chatspec: plain-client baseline before the load failed: " + e.getMessage());
        }
    }

    /**
     * Runs the plain-client baseline against this run's server with the same pairs and message size (at least
     * {@code baseline.messages} messages, default 100,000, {@code baseline.window} in flight per sender, default 1
     * as each virtual user has) and compares the injector's delivered msgs/s of {@code deliverRequest} with it,
     * together with the run before the load when there was one; {@code plannedSeconds} is how long the offer should
     * take (ramp and duration), to tell users that fell behind it. Off with {@code -Dchatspec.baseline=false}. A
     * failed baseline is reported, never fails the run.
     */
    protected Map<String, Object> plainClientBaseline(LoadMetrics metrics, String deliverRequest, int users,
                                                      int perUser, double offeredPerSecond, double plannedSeconds) {
        if (!baselineEnabled()) {
            return Map.of();
        }
        String tag = LoadMetrics.OK + deliverRequest;
        org.HdrHistogram.Histogram delivered = metrics.totals().get(tag);
        double active = metrics.activeSeconds(tag);
        double injectorPerSecond = delivered == null || active == 0 ? 0 : delivered.getTotalCount() / active;
        long count = delivered == null ? 0 : delivered.getTotalCount();
        double wholeRunPer10k = count == 0 ? Double.NaN : cpuTimeline.cpuSecondsSinceStart() / count * 10_000;
        long[] window = metrics.activeWindowMicros(tag);
        double chatPer10k = window == null || count == 0 ? Double.NaN
                : cpuTimeline.cpuSecondsBetween(window[0], window[1]) / count * 10_000;
        BaselineComparison.Injector injector = new BaselineComparison.Injector(injectorPerSecond, offeredPerSecond,
                chatPer10k, wholeRunPer10k, target.isEmbedded(), active, plannedSeconds);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            List<PlainChatBaseline.Result> runs = new ArrayList<>();
            if (plainBefore != null) {
                runs.add(plainBefore);
            }
            runs.add(runPlainClient(run + "b", users, perUser));
            Map<String, Object> comparison = BaselineComparison.toMap(injector, runs);
            result.put("plainClientBaseline", comparison);
            System.out.println("chatspec: " + comparison.get("statement"));
        } catch (RuntimeException e) {
            result.put("plainClientBaseline", Map.of("error", String.valueOf(e.getMessage())));
            System.out.println("chatspec: plain-client baseline failed: " + e.getMessage());
        }
        return result;
    }

    private boolean baselineEnabled() {
        return Params.flag("baseline", true) && target.address() != null;
    }

    private PlainChatBaseline.Result runPlainClient(String prefix, int users, int perUser) {
        int pairs = Math.max(1, users / 2);
        int perUserBaseline = Math.max(perUser,
                (int) Math.ceil(Params.integer("baseline.messages", 100_000) / (double) (pairs * 2)));
        return PlainChatBaseline.run(target.address(), prefix, pairs, perUserBaseline, messageSize,
                Params.integer("baseline.window", 1), Params.seconds("baseline.timeout", 120));
    }

    protected void write(String file, Object value) {
        try {
            Files.createDirectories(out);
            Path p = out.resolve(file);
            Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(p.toFile(), value);
            System.out.println("chatspec: wrote " + p.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
