package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Message;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code count} commands in a row, one every {@code pace} at most (Gatling's {@code pace}: an iteration that took
 * longer is followed at once), each its own Gatling request with its own response, as
 * {@code repeat(count).on(pace(p), exec(command))} would give. The difference is the hot path: the loop state
 * lives in one mutable object on the user's event loop instead of counter and pace timestamps rewritten into the
 * immutable Gatling session for every message, and the user's names are evaluated once, not per message.
 * The session goes on (marked failed if any command was KO) after the last reply.
 */
final class PacedCommandsAction extends ConnectedAction<PacedCommandsAction.Loop> {
    /** One user's sender, made once per user: evaluates the session-dependent parts (names) up front. */
    interface Binder {
        Sender bind(Session session, ChatConnection connection, LoadMetrics metrics);
    }

    /**
     * Sends the user's next command on its connection as {@link ChatConnection#request} or
     * {@link ChatConnection#requestWire} would: {@code onOk} for a success reply read without a tree, else
     * {@code onReply} with the parsed reply, or {@code onFailure}.
     */
    interface Sender {
        void send(Set<String> replyCmds, Duration timeout, Runnable onOk, Consumer<Message> onReply,
                  Consumer<String> onFailure);
    }

    private final Binder binder;
    private final Set<String> replyCmds;
    private final CommandAction.ReplyCheck check;
    private final El count;
    private final long paceNanos;

    PacedCommandsAction(String request, Binder binder, Set<String> replyCmds,
                        CommandAction.ReplyCheck check, El count, Duration pace, ChatComponents components,
                        Action next) {
        super("chat " + request + " x" + count, request, components, next);
        this.binder = binder;
        this.replyCmds = replyCmds;
        this.check = check;
        this.count = count;
        this.paceNanos = pace.toNanos();
    }

    @Override
    protected Loop evaluate(Session session, ChatConnection conn, long startMicros) {
        return new Loop(session, conn, binder.bind(session, conn, components.metrics()),
                Integer.parseInt(count.eval(session)));
    }

    @Override
    protected void run(Session session, ChatConnection conn, long startMicros, Loop loop) {
        loop.next();
    }

    /** One user's run through the loop; touched only on the user's event loop. */
    final class Loop {
        private final Session session;
        private final ChatConnection conn;
        private final Sender sender;
        private final int total;
        private int sent;
        private String firstFailure;
        private final Pacer pacer = new Pacer(paceNanos);
        // one command is in flight at a time, so its start and callbacks live here, not in lambdas per message
        private long startMicros;
        private final Runnable onOk = () -> done(null);
        private final Consumer<Message> onReply = reply -> done(check.check(reply));
        private final Consumer<String> onFailure = this::done;

        Loop(Session session, ChatConnection conn, Sender sender, int total) {
            this.session = session;
            this.conn = conn;
            this.sender = sender;
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
            long delay = pacer.delayBeforeNext(System.nanoTime());
            if (delay > 0) {
                conn.loop().schedule(this::send, delay, TimeUnit.NANOSECONDS);
            } else {
                send();
            }
        }

        private void send() {
            sent++;
            startMicros = Micros.now();
            sender.send(replyCmds, components.protocol().replyTimeout(), onOk, onReply, onFailure);
        }

        private void done(String failure) {
            report(session, request(), startMicros, Micros.now(), failure);
            if (failure != null && firstFailure == null) {
                firstFailure = failure;
            }
            next();
        }
    }
}
