package io.chatspec.server.relay;

import io.chatspec.server.RelayPortRange;

import java.time.Duration;
import java.util.BitSet;
import java.util.OptionalInt;

/**
 * The pool of relay ports. For a fixed range it hands out each port to one transfer at a time, starting after
 * the last one handed out so a just-freed port rests before reuse. Ephemeral mode has no bookkeeping: every
 * claim is port 0 and the OS picks. Thread-safe.
 */
public final class RelayPorts {
    private final RelayPortRange range;
    private final BitSet inUse = new BitSet();
    private int cursor;
    private int lastReleasedPort = -1;
    private long lastReleasedAt;

    public RelayPorts(RelayPortRange range) {
        this.range = range;
    }

    public RelayPortRange range() {
        return range;
    }

    /** A port to bind (0 = ephemeral), or empty when every port of the range is taken. */
    public synchronized OptionalInt claim() {
        if (range.isEphemeral()) {
            return OptionalInt.of(0);
        }
        int size = range.size();
        for (int i = 0; i < size; i++) {
            int offset = (cursor + i) % size;
            if (!inUse.get(offset)) {
                inUse.set(offset);
                cursor = (offset + 1) % size;
                return OptionalInt.of(range.low() + offset);
            }
        }
        return OptionalInt.empty();
    }

    public synchronized void release(int port) {
        if (!range.isEphemeral() && port >= range.low() && port <= range.high()) {
            inUse.clear(port - range.low());
            lastReleasedPort = port;
            lastReleasedAt = System.nanoTime();
        }
    }

    /** Gives back a claimed port that could not be bound: unlike {@link #release}, it was never ours to reuse. */
    public synchronized void releaseUnbound(int port) {
        if (!range.isEphemeral() && port >= range.low() && port <= range.high()) {
            inUse.clear(port - range.low());
        }
    }

    /**
     * True if {@code port} was handed back within {@code window}. Its listener may then still be open in the OS:
     * a selector-registered socket is only really closed at its event loop's next select.
     */
    public synchronized boolean justReleased(int port, Duration window) {
        return port == lastReleasedPort && System.nanoTime() - lastReleasedAt < window.toNanos();
    }

    /** How many bind attempts one transfer may make before it is refused as busy. */
    int maxAttempts() {
        return range.isEphemeral() ? 1 : range.size();
    }

    public synchronized int claimed() {
        return inUse.cardinality();
    }
}
