package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Message;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code count} commands in a row, one every {@code pace} at most (Gatling's {@code pace}: an iteration that took
 * longer is followed at once), each its own Gatling request with its own response, as
 * {@code repeat(count).on(pace(p), exec(command))} would give. The difference is the hot path: the loop state
 * lives in one mutable object on the user's event loop instead of counter and pace timestamps rewritten into the
 * immutable Gatling session for every message, and the user's names are evaluated once, not per message.
 * The session goes on (marked failed if any command was KO) after the last reply.
 */
final class PacedCommandsAction extends ConnectedAction<PacedCommandsAction.Loop> {
    /**
     * Builds the next command for this user; {@code bound} is what {@link Binder} evaluated once, {@code metrics}
     * where to count what the command sends.
     */
    interface Factory {
        Message build(Object bound, ChatConnection connection, LoadMetrics metrics);
    }

    /** Evaluates the session-dependent parts (names) once per user. */
    interface Binder {
        Object bind(Session session);
    }

    private final Binder binder;
    private final Factory factory;
    private final Set<String> replyCmds;
    private final CommandAction.ReplyCheck check;
    private final El count;
    private final long paceNanos;

    PacedCommandsAction(String request, Binder binder, Factory factory, Set<String> replyCmds,
                        CommandAction.ReplyCheck check, El count, Duration pace, ChatComponents components,
                        Action next) {
        super("chat " + request + " x" + count, request, components, next);
        this.binder = binder;
        this.factory = factory;
        this.replyCmds = replyCmds;
        this.check = check;
        this.count = count;
        this.paceNanos = pace.toNanos();
    }

    @Override
    protected Loop evaluate(Session session, ChatConnection conn, long startMicros) {
        return new Loop(session, conn, binder.bind(session), Integer.parseInt(count.eval(session)));
    }

    @Override
    protected void run(Session session, ChatConnection conn, long startMicros, Loop loop) {
        loop.next();
    }

    /** One user's run through the loop; touched only on the user's event loop. */
    final class Loop {
        private final Session session;
        private final ChatConnection conn;
        private final Object bound;
        private final int total;
        private int sent;
        private String firstFailure;
        private long iterationStartNanos;

        Loop(Session session, ChatConnection conn, Object bound, int total) {
            this.session = session;
            this.conn = conn;
            this.bound = bound;
            this.total = total;
        }

        void next() {
            if (sent == total) {
                proceed(session, firstFailure);
                return;
            }
            if (!conn.isOpen()) {
                // every remaining command would fail at once: report them here rather than recursing per command
                long now = Micros.now();
                for (; sent < total; sent++) {
                    report(session, request(), now, now, "connection is closed");
                }
                proceed(session, firstFailure == null ? "connection is closed" : firstFailure);
                return;
            }
            long delay = sent == 0 ? 0 : iterationStartNanos + paceNanos - System.nanoTime();
            if (delay > 0) {
                conn.loop().schedule(this::send, delay, TimeUnit.NANOSECONDS);
            } else {
                send();
            }
        }

        private void send() {
            iterationStartNanos = System.nanoTime();
            sent++;
            long start = Micros.now();
            Message command = factory.build(bound, conn, components.metrics());
            conn.request(command, replyCmds, components.protocol().replyTimeout(),
                    reply -> done(start, check.check(reply)), why -> done(start, why));
        }

        private void done(long start, String failure) {
            report(session, request(), start, Micros.now(), failure);
            if (failure != null && firstFailure == null) {
                firstFailure = failure;
            }
            next();
        }
    }
}
