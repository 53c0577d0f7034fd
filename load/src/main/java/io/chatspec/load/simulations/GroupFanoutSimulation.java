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
 * Groups of N members; the first member of each group sends at a rate, every other member must get every
 * message once: {@code deliver group_chat} (time to delivery), {@code fanout first-to-last} (spread between the
 * first and the last recipient of one message), deliveries/s in the summary.
 *
 * <p>{@code -Dchatspec.groupSize} (default 10), {@code groups} (default 2), {@code rate} (messages/s per group,
 * default 20), {@code duration} (s, default 3), {@code messageSize}.
 */
@Describe(value = "The first member of each group sends; every other member must get every message: deliver group_chat and fanout first-to-last", params = {
        @Param(name = "groupSize", defaultValue = "10", help = "members per group"),
        @Param(name = "rampSeconds", defaultValue = "1", help = "seconds over which the users arrive (each logs in: give thousands more)"),
        @Param(name = "groups", defaultValue = "2", help = "groups"),
        @Param(name = "rate", defaultValue = "20", help = "messages/s per group"),
        @Param(name = "duration", defaultValue = "3", help = "seconds of chat"),
        @Param(name = "messageSize", defaultValue = "64", help = "characters of text per message")})
public class GroupFanoutSimulation extends ChatSimulation {
    private final int size = Math.max(2, Params.integer("groupSize", 10));
    private final int groups = Params.integer("groups", 2);
    private final double rate = Params.decimal("rate", 20);
    private final double duration = Params.secondsValue("duration", 3);
    private final int messages = (int) Math.max(1, Math.round(rate * duration));
    private final Duration pace = Duration.ofNanos(Math.round(1e9 / rate));
    private final Duration wait = Params.seconds("waitTimeout", 20 + duration);

    private final ScenarioBuilder members = scenario("group fan-out")
            .feed(Feeders.groups(run, size))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    rendezvous("#{group}/online", size, wait))
            .doIf("#{leader}").then(exec(createGroup("#{me}", "#{group}")))
            .exec(rendezvous("#{group}/created", size, wait))
            .doIf(s -> !s.getBoolean("leader")).then(exec(addGroup("#{me}", "#{group}")))
            .exec(rendezvous("#{group}/joined", size, wait))
            .doIfOrElse("#{leader}")
            .then(exec(getGroupMember("#{group}").check(members(size)))
                    .repeat(messages).on(pace(pace), exec(groupChat("#{me}", "#{group}", messageSize, size - 1))))
            .orElse(exec(awaitDeliveries(messages, wait)))
            .exec(rendezvous("#{group}/done", size, wait), offline("#{me}"), close());

    {
        setUp(members.injectOpen(arrivals(size * groups)).protocols(protocol()))
                .assertions(slo(1000));
    }
}
