package io.chatspec.server.limits;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * The one memory budget of issue 9: bytes held for all connections together (unfinished messages and decoder
 * buffers in, queued server messages out). Meters report their changes as deltas, from any thread.
 */
public final class MemoryBudget {
    private final long limit;
    private final AtomicLong inbound = new AtomicLong();
    private final AtomicLong outbound = new AtomicLong();
    private final LongAccumulator peak = new LongAccumulator(Math::max, 0);

    public MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("budget must be positive, got " + limit);
        }
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return inbound.get() + outbound.get();
    }

    public long inbound() {
        return inbound.get();
    }

    public long outbound() {
        return outbound.get();
    }

    /** The most {@link #used()} has been, as seen when it changed. */
    public long peak() {
        return peak.get();
    }

    /** True once the budget is spent: new holdings are shed, not kept. */
    public boolean full() {
        return used() >= limit;
    }

    void addInbound(long delta) {
        if (delta != 0) {
            peak.accumulate(inbound.addAndGet(delta) + outbound.get());
        }
    }

    void addOutbound(long delta) {
        if (delta != 0) {
            peak.accumulate(outbound.addAndGet(delta) + inbound.get());
        }
    }

    @Override
    public String toString() {
        return used() + " of " + limit + " bytes (in " + inbound.get() + ", out " + outbound.get() + ")";
    }
}
