package io.chatspec.load.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outcomes of one request name and status: their latencies and the window from the earliest start to the
 * latest end. Each recording thread writes its own shard (a single-writer HdrHistogram recorder and its own
 * first/last), merged when read. One shared concurrent recorder and window made every outcome a handful of
 * atomic updates on cache lines both event loops wrote, several times per chat message (issue 11).
 */
final class OutcomeRecorder {
    private final List<Shard> shards = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Shard> mine = ThreadLocal.withInitial(this::newShard);

    void record(long startMicros, long endMicros) {
        mine.get().record(startMicros, endMicros);
    }

    /** What all threads recorded since the previous call, as one histogram; called by one thread at a time. */
    Histogram intervalHistogram() {
        Histogram h = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
        for (Shard s : shards) {
            h.add(s.interval());
        }
        return h;
    }

    /** Epoch µs of the earliest start recorded; Long.MAX_VALUE when none. */
    long first() {
        long f = Long.MAX_VALUE;
        for (Shard s : shards) {
            f = Math.min(f, s.first);
        }
        return f;
    }

    /** Epoch µs of the latest end recorded; Long.MIN_VALUE when none. */
    long last() {
        long l = Long.MIN_VALUE;
        for (Shard s : shards) {
            l = Math.max(l, s.last);
        }
        return l;
    }

    private Shard newShard() {
        Shard s = new Shard();
        shards.add(s);
        return s;
    }

    private static final class Shard {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(LoadMetrics.HIGHEST_MICROS, 3);
        // written by the owning thread only; volatile so that readers on other threads see them
        volatile long first = Long.MAX_VALUE;
        volatile long last = Long.MIN_VALUE;
        // handed back to the recorder at each read instead of a new histogram per shard and second
        private Histogram spare;

        void record(long startMicros, long endMicros) {
            recorder.recordValue(Math.max(0, Math.min(endMicros - startMicros, LoadMetrics.HIGHEST_MICROS)));
            if (startMicros < first) {
                first = startMicros;
            }
            if (endMicros > last) {
                last = endMicros;
            }
        }

        Histogram interval() {
            spare = recorder.getIntervalHistogram(spare);
            return spare;
        }
    }
}
