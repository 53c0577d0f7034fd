package io.chatspec.load.simulations;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.sim.CapacityResult;
import io.chatspec.load.sim.ChatSimulation;
import io.chatspec.load.sim.Describe;
import io.chatspec.load.sim.Describe.Param;
import io.chatspec.load.sim.Feeders;
import io.chatspec.load.sim.Params;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.Map;

import static io.chatspec.load.gatling.ChatDsl.*;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Steps the arrival rate of short chat sessions (connect, register, login, a few private messages to an
 * always-online resident, offline) and reports the highest rate whose every step held the SLO (p99 of command
 * latency and error rate, judged per step from this injector's HdrHistograms) to {@code capacity.json}: the
 * figure to plan with. The run fails only on the usual whole-run SLO assertions.
 *
 * <p>{@code -Dchatspec.capacity.start} (sessions/s, default 20), {@code capacity.step} (default 20),
 * {@code capacity.steps} (default 3), {@code capacity.stepSeconds} (default 2), {@code capacity.messages} (per
 * session, default 3), {@code capacity.p99Ms} (default 50), {@code capacity.errorPct} (default 1),
 * {@code capacity.warmupSeconds} (not judged: JIT warm-up, default 2), {@code capacity.warmupRate} (sessions/s
 * during the warm-up, default the start rate), {@code residents} (default 4).
 *
 * <p>Warm up below the range being judged: a cold server JVM offered a high rate builds a backlog that it then
 * carries into every step, and no step holds.
 */
@Describe(value = "Short sessions at a stepped arrival rate; the capacity is the highest rate whose step (and every step before it) held the SLO", params = {
        @Param(name = "capacity.start", defaultValue = "20", help = "sessions/s of the first judged step"),
        @Param(name = "capacity.step", defaultValue = "20", help = "sessions/s added per step"),
        @Param(name = "capacity.steps", defaultValue = "3", help = "judged steps"),
        @Param(name = "capacity.stepSeconds", defaultValue = "2", help = "seconds per step"),
        @Param(name = "capacity.messages", defaultValue = "3", help = "private messages per session"),
        @Param(name = "capacity.warmupSeconds", defaultValue = "2", help = "seconds of warm-up before the first step"),
        @Param(name = "capacity.warmupRate", defaultValue = "capacity.start", help = "sessions/s during warm-up"),
        @Param(name = "capacity.p99Ms", defaultValue = "50", help = "per-step p99 limit, ms"),
        @Param(name = "capacity.errorPct", defaultValue = "1", help = "per-step error limit, %"),
        @Param(name = "residents", defaultValue = "4", help = "resident recipients")})
public class CapacitySimulation extends ChatSimulation {
    private final double start = Params.decimal("capacity.start", 20);
    private final double step = Params.decimal("capacity.step", 20);
    private final int steps = Params.integer("capacity.steps", 3);
    private final int stepSeconds = Params.wholeSeconds("capacity.stepSeconds", 2);
    private final int messages = Params.integer("capacity.messages", 3);
    private final int residents = Params.integer("residents", 4);
    private final Duration wait = Params.seconds("waitTimeout", 20);
    private final int warmupSeconds = Params.wholeSeconds("capacity.warmupSeconds", 2);
    private final double warmupRate = Params.decimal("capacity.warmupRate", start);
    private final Duration total = Duration.ofSeconds((long) steps * stepSeconds + warmupSeconds);

    private final ScenarioBuilder residentUsers = scenario("residents")
            .feed(Feeders.numbered(run + "-r"))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    rendezvous(run + "/residents", residents, wait), openGate(run + "/residents"))
            .pause(total.plus(Params.seconds("capacity.grace", 3)))
            .exec(offline("#{me}"), close());

    private final ScenarioBuilder sessions = scenario("sessions")
            .feed(Feeders.numbered(run + "-s"))
            .exec(s -> s.set("resident", run + "-r" + (s.getLong("index") % residents)))
            .exec(awaitGate(run + "/residents", wait))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD))
            .repeat(messages).on(exec(privateChat("#{me}", "#{resident}", messageSize)))
            .exec(offline("#{me}"), close());

    {
        setUp(residentUsers.injectOpen(atOnceUsers(residents)),
                sessions.injectOpen(constantUsersPerSec(warmupRate).during(Duration.ofSeconds(warmupSeconds)),
                        incrementUsersPerSec(step).times(steps)
                        .eachLevelLasting(Duration.ofSeconds(stepSeconds)).startingFrom(start)))
                .protocols(protocol())
                .maxDuration(total.plus(wait).plus(Duration.ofSeconds(10)))
                .assertions(slo(1000));
    }

    @Override
    protected Map<String, Object> extraResults(LoadMetrics metrics) {
        // a session's last request is offline: its outcomes per second are the sessions a step finished
        CapacityResult report = CapacityResult.judge(metrics.intervals(),
                metrics.firstRequestMillis() + warmupSeconds * 1000L, new CapacityResult.Plan(start, step, steps,
                        stepSeconds, Params.decimal("capacity.p99Ms", 50), Params.decimal("capacity.errorPct", 1),
                        "offline"), metrics.deliveries().toMap());
        write("capacity-" + injector + ".json", report);
        System.out.println("chatspec: capacity " + report.capacityPerSecond() + " sessions/s (" + report.slo() + ")");
        return Map.of("capacity", report);
    }
}
