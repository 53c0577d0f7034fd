package io.chatspec.load.gatling;

import io.chatspec.load.metrics.Micros;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A barrier for the virtual users of one injector that must act together (a pair before chatting, a group
 * before its first message), without blocking any thread: arrivals park their session, and the last one resumes
 * everybody on their own event loops. A timeout is a KO {@code rendezvous} request and the user goes on alone.
 */
final class RendezvousAction extends ChatAction {
    private static final ConcurrentHashMap<String, Party> PARTIES = new ConcurrentHashMap<>();

    private final El key;
    private final int parties;
    private final Duration timeout;

    RendezvousAction(El key, int parties, Duration timeout, ChatComponents components, Action next) {
        super("chat rendezvous", components, next);
        this.key = key;
        this.parties = parties;
        this.timeout = timeout;
    }

    static void resetAll() {
        synchronized (PARTIES) {
            PARTIES.clear();
        }
    }

    @Override
    public void execute(Session session) {
        long start = Micros.now();
        String k;
        try {
            k = key.eval(session);
        } catch (El.ElException e) {
            complete(session, "rendezvous", start, start, e.getMessage());
            return;
        }
        List<Parked> release = null;
        Party party;
        Parked me = new Parked(session, next());
        synchronized (PARTIES) {
            party = PARTIES.computeIfAbsent(k, x -> new Party());
            party.waiting.add(me);
            if (party.waiting.size() >= parties) {
                PARTIES.remove(k);
                release = List.copyOf(party.waiting);
                party.waiting.clear();
            }
        }
        if (release != null) {
            // each user goes on from its own place in its own scenario, on its own event loop
            for (Parked p : release) {
                p.session().eventLoop().execute(() -> p.next().$bang(p.session()));
            }
            return;
        }
        Party mine = party;
        session.eventLoop().schedule(() -> {
            boolean timedOut;
            synchronized (PARTIES) {
                timedOut = mine.waiting.remove(me);
            }
            if (timedOut) {
                String why = "only " + (mine.waiting.size() + 1) + " of " + parties + " arrived at " + k
                        + " within " + timeout;
                complete(session, "rendezvous", start, Micros.now(), why);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Parked(Session session, Action next) {
    }

    private static final class Party {
        final List<Parked> waiting = new ArrayList<>();
    }
}
