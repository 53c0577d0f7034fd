package io.chatspec.load.simulations;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.sim.ChatSimulation;
import io.chatspec.load.sim.Describe;
import io.chatspec.load.sim.Describe.Param;
import io.chatspec.load.sim.Feeders;
import io.chatspec.load.sim.FootprintSampler;
import io.chatspec.load.sim.Params;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import static io.chatspec.load.gatling.ChatDsl.*;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * How many logged-in users a server holds: users connect, register, log in and befriend their pair partner, then
 * stay idle while the count climbs in steps. Once every step is in, all of them are asked to prove they are still
 * there: each sends one private message to its partner, which must get a reply and be delivered. A connection
 * the server dropped (or starved) during the hold shows up as a KO {@code private_chat} or a lost delivery.
 *
 * <p>With {@code -Dchatspec.serverHeap=1g} the server is its own JVM with that heap, and the summary has its
 * resident memory and live heap (after a full GC) at the end of every step.
 *
 * <p>{@code -Dchatspec.hold.step} (users added per step, even, default 26), {@code hold.steps} (default 2),
 * {@code hold.rampSeconds} (to log in one step's users, at least 1, default 1), {@code hold.stepSeconds} (idle
 * after each ramp, default 1), {@code waitTimeout} (default 30).
 */
@Describe(value = "How many logged-in users the server holds: idle users climb in steps, then each sends one private_chat that must be delivered", params = {
        @Param(name = "hold.step", defaultValue = "26", help = "users added per step (even)"),
        @Param(name = "hold.steps", defaultValue = "2", help = "steps"),
        @Param(name = "hold.rampSeconds", defaultValue = "1", help = "seconds to ramp each step"),
        @Param(name = "hold.stepSeconds", defaultValue = "1", help = "idle seconds after each ramp"),
        @Param(name = "waitTimeout", defaultValue = "30", help = "seconds for rendezvous and deliveries")})
public class ConnectionHoldSimulation extends ChatSimulation {
    private final int step = Params.integer("hold.step", 26) & ~1;
    private final int steps = Params.integer("hold.steps", 2);
    private final Duration ramp = Params.seconds("hold.rampSeconds", 1);
    private final Duration plateau = Params.seconds("hold.stepSeconds", 1);
    private final Duration wait = Params.seconds("waitTimeout", 30);
    private final Duration injection = ramp.plus(plateau).multipliedBy(steps);
    private final String probeGate = run + "/probe";
    /** Users that got through connect, register and login. */
    private final LongAdder loggedIn = new LongAdder();
    private volatile FootprintSampler sampler;

    private final ScenarioBuilder held = scenario("held")
            .feed(Feeders.pairs(run))
            .exec(s -> {
                sampler.start();
                return s;
            })
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD))
            .exec(s -> {
                if (!s.isFailed()) {
                    loggedIn.increment();
                }
                return s;
            })
            .exec(rendezvous("#{pair}/online", 2, wait))
            .doIf("#{initiator}").then(exec(add("#{me}", "#{partner}")))
            // idle: parked at the gate, holding the connection and no thread
            .exec(awaitGate(probeGate, injection.plus(wait)))
            .exec(privateChat("#{me}", "#{partner}", messageSize), awaitDeliveries(1, wait),
                    offline("#{me}"), close());

    private final ScenarioBuilder conductor = scenario("conductor").exec(openGate(probeGate));

    {
        List<OpenInjectionStep> climb = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            climb.add(rampUsers(step).during(ramp));
            climb.add(nothingFor(plateau));
        }
        setUp(held.injectOpen(climb),
                conductor.injectOpen(nothingFor(injection), atOnceUsers(1)))
                .protocols(protocol())
                .maxDuration(injection.plus(wait.multipliedBy(3)))
                // the probe comes in a burst of every held user at once: its latency is not what is judged
                .assertions(slo(10_000));
    }

    @Override
    public void before() {
        super.before();
        List<Duration> times = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            // late in each idle phase: that step's users are in, and a GC there measures what they hold
            times.add(ramp.plus(plateau).multipliedBy(i).minus(plateau.dividedBy(4)));
        }
        sampler = new FootprintSampler(target.process(), loggedIn::sum, times);
    }

    @Override
    protected Map<String, Object> extraResults(LoadMetrics metrics) {
        sampler.close();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("offeredUsers", step * steps);
        r.put("loggedIn", loggedIn.sum());
        r.put("answeredAfterHold", metrics.totals().containsKey(LoadMetrics.OK + "private_chat")
                ? metrics.totals().get(LoadMetrics.OK + "private_chat").getTotalCount() : 0);
        r.put("steps", sampler.samples());
        System.out.println("chatspec: hold " + r);
        return r;
    }
}
