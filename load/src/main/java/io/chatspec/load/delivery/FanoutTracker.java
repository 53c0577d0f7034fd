package io.chatspec.load.delivery;

import java.util.concurrent.ConcurrentHashMap;

/**
 * First-to-last recipient spread of group messages: the sender registers how many recipients a message has,
 * each recipient reports its arrival time, and the last one gets the spread back.
 */
public final class FanoutTracker {
    private final ConcurrentHashMap<String, Spread> messages = new ConcurrentHashMap<>();

    public void expect(String messageKey, int recipients) {
        if (recipients > 0) {
            messages.put(messageKey, new Spread(recipients));
        }
    }

    /** The spread in microseconds when this was the last expected recipient, else -1. */
    public long arrived(String messageKey, long atMicros) {
        long[] result = {-1};
        messages.computeIfPresent(messageKey, (k, s) -> {
            s.first = Math.min(s.first, atMicros);
            s.last = Math.max(s.last, atMicros);
            if (--s.remaining == 0) {
                result[0] = s.last - s.first;
                return null;
            }
            return s;
        });
        return result[0];
    }

    /** Messages still missing recipients (counted as incomplete fan-outs at the end of a run). */
    public int incomplete() {
        return messages.size();
    }

    private static final class Spread {
        int remaining;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Spread(int recipients) {
            this.remaining = recipients;
        }
    }
}
