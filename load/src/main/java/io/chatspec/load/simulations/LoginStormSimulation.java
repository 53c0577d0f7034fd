package io.chatspec.load.simulations;

import io.chatspec.load.sim.ChatSimulation;
import io.chatspec.load.sim.Describe;
import io.chatspec.load.sim.Describe.Param;
import io.chatspec.load.sim.Feeders;
import io.chatspec.load.sim.Params;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import static io.chatspec.load.gatling.ChatDsl.*;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * New users arriving at a rate: connect, register, login, befriend a resident user, go offline and log in
 * again. Residents stay online and must receive each arrival's {@code add_friend_reply}, {@code friend_offline}
 * and {@code friend_login}; those are timed as {@code deliver ...} requests.
 *
 * <p>{@code -Dchatspec.rate} (arrivals/s, default 30), {@code duration} (s, default 3), {@code residents}
 * (default 5).
 */
@Describe(value = "Arrivals register, log in, befriend a resident, go offline and log in again; residents time the notifications", params = {
        @Param(name = "rate", defaultValue = "30", help = "arrivals/s"),
        @Param(name = "duration", defaultValue = "3", help = "seconds of arrivals"),
        @Param(name = "residents", defaultValue = "5", help = "resident users receiving notifications")})
public class LoginStormSimulation extends ChatSimulation {
    private final double rate = Params.decimal("rate", 30);
    private final double duration = Params.secondsValue("duration", 3);
    private final int residents = Params.integer("residents", 5);
    private final int arrivals = (int) Math.max(1, Math.round(rate * duration));
    private final Duration wait = Params.seconds("waitTimeout", 20 + duration);

    private final ScenarioBuilder residentUsers = scenario("residents")
            .feed(Feeders.numbered(run + "-r"))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    rendezvous(run + "/residents", residents, wait), openGate(run + "/residents"))
            .exec(awaitNotifications("friend_login", s -> (long) arrivalsFor(s.getLong("index")),
                    Duration.ofMillis(wait.toMillis() + Math.round(duration * 1000))))
            .exec(offline("#{me}"), close());

    private final ScenarioBuilder arrivalUsers = scenario("arrivals")
            .feed(arrivalFeeder())
            .exec(awaitGate(run + "/residents", wait))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    add("#{me}", "#{resident}").timeNotifications(), offlineTimed("#{me}"),
                    login("#{me}", PASSWORD).named("login again").timeNotifications(), close());

    {
        setUp(residentUsers.injectOpen(atOnceUsers(residents)),
                arrivalUsers.injectOpen(rampUsers(arrivals).during(Duration.ofMillis(Math.round(duration * 1000)))))
                .protocols(protocol())
                .assertions(slo(1000));
    }

    /** Arrival i befriends resident i mod residents. */
    private Iterator<Map<String, Object>> arrivalFeeder() {
        Iterator<Map<String, Object>> numbered = Feeders.numbered(run + "-a");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map<String, Object> n = numbered.next();
                long i = (Long) n.get("index");
                return Map.of("me", n.get("me"), "resident", run + "-r" + (i % residents));
            }
        };
    }

    private int arrivalsFor(long resident) {
        return (int) (arrivals / residents + (resident < arrivals % residents ? 1 : 0));
    }
}
