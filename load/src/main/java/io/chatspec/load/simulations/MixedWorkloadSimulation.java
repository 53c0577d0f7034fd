package io.chatspec.load.simulations;

import io.chatspec.load.sim.ChatSimulation;
import io.chatspec.load.sim.Describe;
import io.chatspec.load.sim.Describe.Param;
import io.chatspec.load.sim.Feeders;
import io.chatspec.load.sim.Params;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static io.chatspec.load.gatling.ChatDsl.*;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * All ten commands in a realistic proportion: pairs register and log in, befriend each other, share a group,
 * then mostly chat (private and group, 3:1 with an occasional member list), send one small file per pair, and
 * go offline. Every measured message must arrive.
 *
 * <p>{@code -Dchatspec.users} (even, default 20), {@code iterations} (per user, default 20), {@code rate}
 * (iterations/s per user, default 10), {@code fileSize} (default 64K).
 */
@Describe(value = "All ten commands: 70 % private, 25 % group, 5 % member list, one file per pair, then offline", params = {
        @Param(name = "users", defaultValue = "20", help = "virtual users, even"),
        @Param(name = "rampSeconds", defaultValue = "1", help = "seconds over which the users arrive (each logs in: give thousands more)"),
        @Param(name = "iterations", defaultValue = "20", help = "commands per user"),
        @Param(name = "rate", defaultValue = "10", help = "commands/s per user"),
        @Param(name = "fileSize", defaultValue = "64K", help = "bytes per file (K/M/G suffix)")})
public class MixedWorkloadSimulation extends ChatSimulation {
    private final int users = Params.integer("users", 20) & ~1;
    private final int iterations = Params.integer("iterations", 20);
    private final Duration pace = Duration.ofNanos(Math.round(1e9 / Params.decimal("rate", 10)));
    private final long fileSize = Params.bytes("fileSize", 64 << 10);
    private final Duration wait = Params.seconds("waitTimeout", 30);

    private final ScenarioBuilder mixed = scenario("mixed")
            .feed(Feeders.pairs(run))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    rendezvous("#{pair}/online", 2, wait))
            .doIfOrElse("#{initiator}")
            .then(exec(add("#{me}", "#{partner}"), createGroup("#{me}", "#{group}")))
            .orElse(exec(rendezvous("#{pair}/grouped", 2, wait)))
            .doIfOrElse("#{initiator}")
            .then(exec(rendezvous("#{pair}/grouped", 2, wait)))
            .orElse(exec(addGroup("#{me}", "#{group}")))
            .exec(rendezvous("#{pair}/ready", 2, wait))
            .repeat(iterations, "i").on(pace(pace),
                    randomSwitch().on(
                            percent(70.0).then(exec(privateChat("#{me}", "#{partner}", messageSize))),
                            percent(25.0).then(exec(groupChat("#{me}", "#{group}", messageSize, 1))),
                            percent(5.0).then(exec(getGroupMember("#{group}").check(members(2))))))
            .doIfOrElse("#{initiator}")
            .then(exec(sendFile("#{me}", "#{partner}", fileSize)))
            .orElse(exec(receiveFile(wait)))
            .exec(rendezvous("#{pair}/done", 2, wait), offline("#{me}"), close());

    {
        setUp(mixed.injectOpen(arrivals(users)).protocols(protocol()))
                .assertions(slo(1000));
    }
}
