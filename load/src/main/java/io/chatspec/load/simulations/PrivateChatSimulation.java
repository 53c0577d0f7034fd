package io.chatspec.load.simulations;

import io.chatspec.load.metrics.LoadMetrics;
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
 * Pairs of friends chatting at a target total rate: reply time ({@code private_chat}) and time to delivery
 * ({@code deliver private_chat}); every message must arrive exactly once ({@code await deliveries}).
 *
 * <p>{@code -Dchatspec.users} (even, default 20), {@code rate} (messages/s over all users, default 200),
 * {@code duration} (s, default 3), {@code messageSize} (chars, default 64).
 */
@Describe(value = "Pairs of friends chat at a total rate: private_chat reply time, send-to-arrival delivery time, exactly-once delivery; with a plain-client baseline of the same pairs and message size", params = {
        @Param(name = "users", defaultValue = "20", help = "virtual users, even: users/2 chatting pairs"),
        @Param(name = "rampSeconds", defaultValue = "1", help = "seconds over which the users arrive (each logs in: give thousands more)"),
        @Param(name = "rate", defaultValue = "200", help = "messages/s over all users"),
        @Param(name = "duration", defaultValue = "3", help = "seconds of chat"),
        @Param(name = "messageSize", defaultValue = "64", help = "characters of text per message"),
        @Param(name = "baseline.window", defaultValue = "1", help = "plain-client baseline: chats in flight per sender"),
        @Param(name = "baseline.messages", defaultValue = "100000", help = "plain-client baseline: messages at least, before and again after the load (20,000 took half a second and varied by a quarter between runs)"),
        @Param(name = "baseline", defaultValue = "true", help = "also measure a plain NIO client with the same pairs and message size")})
public class PrivateChatSimulation extends ChatSimulation {
    private final int users = Params.integer("users", 20) & ~1;
    private final double rate = Params.decimal("rate", 200);
    private final double duration = Params.secondsValue("duration", 3);
    private final int perUser = (int) Math.max(1, Math.round(rate * duration / users));
    private final Duration pace = Duration.ofNanos(Math.round(users / rate * 1e9));
    private final Duration wait = Params.seconds("waitTimeout", 10 + duration);

    private final ScenarioBuilder pairs = scenario("private chat")
            .feed(Feeders.pairs(run))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    rendezvous("#{pair}/online", 2, wait))
            .doIf("#{initiator}").then(exec(add("#{me}", "#{partner}")))
            // repeat(perUser).on(pace(pace), exec(privateChat(...))) without a session rewrite per message
            .exec(privateChats("#{me}", "#{partner}", messageSize, perUser, pace))
            .exec(awaitDeliveries(perUser, wait), offline("#{me}"), close());

    {
        setUp(pairs.injectOpen(arrivals(users)).protocols(protocol()))
                .assertions(slo(1000));
    }

    @Override
    protected void beforeLoad() {
        plainClientBaselineBeforeLoad(users, perUser);
    }

    @Override
    protected Map<String, Object> extraResults(LoadMetrics metrics) {
        return plainClientBaseline(metrics, "deliver private_chat", users, perUser, rate,
                ramp.toNanos() / 1e9 + duration);
    }
}
