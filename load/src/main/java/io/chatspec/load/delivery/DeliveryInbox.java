package io.chatspec.load.delivery;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one receiver got, per stream (a private sender, or a group and its sender): unique deliveries,
 * duplicates and out-of-order arrivals by sequence number. Used from the receiver's event loop only.
 */
public final class DeliveryInbox {
    private final Map<String, Stream> streams = new HashMap<>();
    private long unique;
    private long duplicates;
    private long outOfOrder;

    public enum Outcome { FIRST, DUPLICATE, OUT_OF_ORDER }

    public Outcome accept(String stream, long seq) {
        Stream s = streams.computeIfAbsent(stream, k -> new Stream());
        int idx = (int) seq;
        if (s.seen.get(idx)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        s.seen.set(idx);
        unique++;
        if (seq < s.maxSeq) {
            outOfOrder++;
            return Outcome.OUT_OF_ORDER;
        }
        s.maxSeq = seq;
        return Outcome.FIRST;
    }

    public long unique() {
        return unique;
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    private static final class Stream {
        final BitSet seen = new BitSet();
        long maxSeq;
    }
}
