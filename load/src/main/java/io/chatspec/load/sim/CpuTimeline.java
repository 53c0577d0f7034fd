package io.chatspec.load.sim;

import io.chatspec.load.metrics.Micros;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process's CPU time sampled every 100 ms, so that the CPU of a phase known only afterwards (the chat
 * window: first message sent to last delivered) can be read off, without the JVM's start-up, the users' logins
 * before it or the summary after it. A whole-run figure of a 10 s run is a third start-up and JIT.
 */
final class CpuTimeline implements AutoCloseable {
    private static final long PERIOD_MS = 100;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chatspec-cpu-timeline");
        t.setDaemon(true);
        return t;
    });
    private long[] micros = new long[1024];
    private long[] cpuNanos = new long[1024];
    private int count;

    /** Starts sampling; nothing is sampled where the JVM does not report process CPU time. */
    static CpuTimeline start() {
        CpuTimeline t = new CpuTimeline();
        if (ProcessCpu.nanos() >= 0) {
            t.sample(); // the start itself, taken now
            t.timer.scheduleAtFixedRate(t::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
        return t;
    }

    /** Takes a sample now as well, so that a phase that just ended is covered. */
    synchronized void sample() {
        long cpu = ProcessCpu.nanos();
        if (cpu < 0) {
            return;
        }
        if (count == micros.length) {
            micros = java.util.Arrays.copyOf(micros, count * 2);
            cpuNanos = java.util.Arrays.copyOf(cpuNanos, count * 2);
        }
        micros[count] = Micros.now();
        cpuNanos[count] = cpu;
        count++;
    }

    /** CPU seconds this process used from {@link #start} to now; NaN where the JVM does not report it. */
    synchronized double cpuSecondsSinceStart() {
        sample();
        return count < 2 ? Double.NaN : (cpuNanos[count - 1] - cpuNanos[0]) / 1e9;
    }

    /** CPU seconds this process used between two epoch µs instants, interpolated; NaN when not covered. */
    synchronized double cpuSecondsBetween(long fromMicros, long toMicros) {
        double a = cpuAt(fromMicros);
        double b = cpuAt(toMicros);
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : (b - a) / 1e9;
    }

    private double cpuAt(long t) {
        for (int i = 1; i < count; i++) {
            if (micros[i] >= t && micros[i - 1] <= t) {
                double span = micros[i] - micros[i - 1];
                double f = span == 0 ? 0 : (t - micros[i - 1]) / span;
                return cpuNanos[i - 1] + f * (cpuNanos[i] - cpuNanos[i - 1]);
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
