package io.chatspec.load.sim;

import java.util.Iterator;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Endless feeders that give each virtual user its identity and its partners. Names carry the run id, so
 * repeated runs and several injectors never collide on a shared server.
 */
public final class Feeders {
    private Feeders() {
    }

    /** User i: {@code me}, {@code partner} (i xor 1), {@code pair}, {@code initiator} (even i). */
    public static Iterator<Map<String, Object>> pairs(String run) {
        return sequence(i -> Map.of(
                "me", run + "-u" + i,
                "partner", run + "-u" + (i ^ 1),
                "pair", run + "-p" + (i / 2),
                "group", run + "-g" + (i / 2),
                "initiator", i % 2 == 0));
    }

    /** Member i of groups of {@code size}: {@code me}, {@code group}, {@code leader} (first member). */
    public static Iterator<Map<String, Object>> groups(String run, int size) {
        return sequence(i -> Map.of(
                "me", run + "-m" + i,
                "group", run + "-g" + (i / size),
                "leader", i % size == 0));
    }

    /** Plain numbered users {@code me} = prefix + i, with {@code index}. */
    public static Iterator<Map<String, Object>> numbered(String prefix) {
        return sequence(i -> Map.of("me", prefix + i, "index", i));
    }

    private static Iterator<Map<String, Object>> sequence(LongFunction<Map<String, Object>> record) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public synchronized Map<String, Object> next() {
                return record.apply(next++);
            }
        };
    }
}
