package io.chatspec.server.limits;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the guard shed, for the periodic log line and for tests. Thread-safe. */
final class ShedStats {
    private final Map<ShedReason, LongAdder> connections = new EnumMap<>(ShedReason.class);
    private final Map<ShedReason, LongAdder> bytes = new EnumMap<>(ShedReason.class);
    private final LongAccumulator peakConnections = new LongAccumulator(Math::max, 0);
    private final LongAccumulator peakHeap = new LongAccumulator(Math::max, 0);
    private final LongAccumulator peakLiveHeap = new LongAccumulator(Math::max, 0);

    ShedStats() {
        for (ShedReason r : ShedReason.values()) {
            connections.put(r, new LongAdder());
            bytes.put(r, new LongAdder());
        }
    }

    void shed(ShedReason reason, long held) {
        connections.get(reason).increment();
        bytes.get(reason).add(held);
    }

    void connections(int open) {
        peakConnections.accumulate(open);
    }

    /** {@code used}: heap in use, garbage included; {@code live}: what the last collections left, or -1. */
    void heap(long used, long live) {
        peakHeap.accumulate(used);
        if (live >= 0) {
            peakLiveHeap.accumulate(live);
        }
    }

    long shed(ShedReason reason) {
        return connections.get(reason).sum();
    }

    long shedBytes(ShedReason reason) {
        return bytes.get(reason).sum();
    }

    long peakConnections() {
        return peakConnections.get();
    }

    long peakHeap() {
        return peakHeap.get();
    }

    long peakLiveHeap() {
        return peakLiveHeap.get();
    }
}
