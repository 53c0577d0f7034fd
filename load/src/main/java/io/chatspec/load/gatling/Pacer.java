package io.chatspec.load.gatling;

/**
 * When the next iteration of a paced loop may start, with Gatling's {@code pace} semantics in nanoseconds: an
 * iteration starts {@code pace} after the previous one was <em>due</em>, not after it actually started, so a timer
 * that fires a little late does not push every later message back and thin the offered rate. An iteration that
 * overran its pace is followed at once, and the schedule goes on from then rather than bursting to catch up.
 */
final class Pacer {
    private final long paceNanos;
    private long dueNanos;
    private boolean started;

    Pacer(long paceNanos) {
        this.paceNanos = paceNanos;
    }

    /** Nanoseconds to wait, clock reading {@code nowNanos}, before the next iteration starts; 0 for at once. */
    long delayBeforeNext(long nowNanos) {
        if (!started) {
            started = true;
            dueNanos = nowNanos;
            return 0;
        }
        long due = dueNanos + paceNanos;
        if (due - nowNanos > 0) {
            dueNanos = due;
            return due - nowNanos;
        }
        dueNanos = nowNanos;
        return 0;
    }
}
