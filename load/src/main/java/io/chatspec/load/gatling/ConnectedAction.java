package io.chatspec.load.gatling;

import io.chatspec.load.metrics.Micros;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * Base of the actions that are a request on the user's connection. It holds, once, the preamble each of them
 * had: a user without a connection gets a KO that says to add {@code connect()}; the request's clock starts
 * before anything is evaluated; an input that cannot be evaluated (an unresolved {@code #{name}}) is a KO of
 * zero length. Template methods rather than lambdas, so a command per message allocates nothing for this.
 *
 * @param <T> what {@link #evaluate} reads from the session for {@link #run}
 */
abstract class ConnectedAction<T> extends ChatAction {
    private final String request;

    ConnectedAction(String name, String request, ChatComponents components, Action next) {
        super(name, components, next);
        this.request = request;
    }

    @Override
    public final void execute(Session session) {
        ChatConnection conn = ChatConnection.of(session);
        if (conn == null) {
            long now = Micros.now();
            complete(session, request, now, now, "not connected: add ChatDsl.connect() before " + request);
            return;
        }
        long start = Micros.now();
        T input;
        try {
            input = evaluate(session, conn, start);
        } catch (RuntimeException e) {
            complete(session, request, start, start, e.getMessage());
            return;
        }
        run(session, conn, start, input);
    }

    /** The request name this action reports (its first request, for actions that report two). */
    protected final String request() {
        return request;
    }

    /** Reads this action's inputs from the session; a RuntimeException (an unresolved name) makes it a KO. */
    protected abstract T evaluate(Session session, ChatConnection conn, long startMicros);

    /** Sends and times the request; must end it with {@link #complete} or {@link #proceed}. */
    protected abstract void run(Session session, ChatConnection conn, long startMicros, T input);
}
