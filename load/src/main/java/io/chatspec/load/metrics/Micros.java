package io.chatspec.load.metrics;

import java.time.Instant;

/** Wall-clock time in epoch microseconds: comparable across processes (and, with synced clocks, hosts). */
public final class Micros {
    private Micros() {
    }

    public static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
