package io.chatspec.load.gatling;

import io.chatspec.load.metrics.Micros;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A one-way signal between scenarios of one injector: users of one scenario park at a gate ({@code awaitGate})
 * until a user of another opens it ({@code openGate}), e.g. arrivals wait until resident users are logged in.
 * Parking holds no thread; a timeout is a KO {@code gate} request.
 */
final class GateAction extends ChatAction {
    private static final Set<String> OPEN = new HashSet<>();
    private static final java.util.Map<String, List<Parked>> PARKED = new java.util.HashMap<>();

    private final String gate;
    private final boolean open;
    private final Duration timeout;

    private record Parked(Session session, Action next) {
    }

    GateAction(String gate, boolean open, Duration timeout, ChatComponents components, Action next) {
        super("chat gate " + gate, components, next);
        this.gate = gate;
        this.open = open;
        this.timeout = timeout;
    }

    /** Closes every gate: simulations run one after another in one JVM in tests. */
    static synchronized void resetAll() {
        OPEN.clear();
        PARKED.clear();
    }

    @Override
    public void execute(Session session) {
        List<Parked> release = null;
        synchronized (GateAction.class) {
            if (open) {
                OPEN.add(gate);
                release = PARKED.remove(gate);
            } else if (!OPEN.contains(gate)) {
                PARKED.computeIfAbsent(gate, g -> new ArrayList<>()).add(new Parked(session, next()));
                scheduleTimeout(session, Micros.now());
                return;
            }
        }
        if (release != null) {
            for (Parked p : release) {
                p.session().eventLoop().execute(() -> p.next().$bang(p.session()));
            }
        }
        next().$bang(session);
    }

    private void scheduleTimeout(Session session, long start) {
        session.eventLoop().schedule(() -> {
            boolean timedOut;
            synchronized (GateAction.class) {
                List<Parked> parked = PARKED.get(gate);
                timedOut = parked != null && parked.removeIf(p -> p.session() == session);
            }
            if (timedOut) {
                String why = "gate " + gate + " not opened within " + timeout;
                complete(session, "gate", start, Micros.now(), why);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
