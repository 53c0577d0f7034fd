package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.metrics.Micros;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Waits, without blocking the event loop, until the user's connection has seen enough of something (deliveries,
 * a kind of notification). Waiting is not a latency, so reaching the count logs nothing (the deliveries
 * themselves are the timed requests); falling short by the timeout is a KO request saying how many are missing.
 */
final class AwaitAction extends ConnectedAction<Long> {
    private final ToLongFunction<ChatConnection> observed;
    private final Function<Session, Long> expected;
    private final Duration timeout;
    private final OnShortfall onShortfall;

    /** What to do with the shortfall (e.g. add it to the run's lost-message count). */
    interface OnShortfall {
        void missing(LoadMetrics metrics, long count);
    }

    AwaitAction(String request, ToLongFunction<ChatConnection> observed, Function<Session, Long> expected,
                Duration timeout, OnShortfall onShortfall, ChatComponents components, Action next) {
        super("chat " + request, request, components, next);
        this.observed = observed;
        this.expected = expected;
        this.timeout = timeout;
        this.onShortfall = onShortfall;
    }

    @Override
    protected Long evaluate(Session session, ChatConnection conn, long startMicros) {
        return expected.apply(session);
    }

    @Override
    protected void run(Session session, ChatConnection conn, long start, Long expectedCount) {
        long want = expectedCount;
        conn.await(() -> observed.applyAsLong(conn) >= want, timeout, () -> proceed(session, null), () -> {
            long missing = want - observed.applyAsLong(conn);
            onShortfall.missing(components.metrics(), missing);
            String why = missing + " of " + want + " missing after " + timeout;
            complete(session, request(), start, Micros.now(), why);
        });
    }
}
