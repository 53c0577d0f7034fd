package io.chatspec.load.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Samples, at given times into a run, how many users are logged in and what the server process holds for them
 * (resident memory, live heap after a full GC). Runs on its own thread because {@code jcmd} blocks for a
 * second or so. Without a server process (embedded or external target) only the user count is sampled.
 */
public final class FootprintSampler implements AutoCloseable {
    /** One sample; memory figures are -1 when there is no server process to measure. */
    public record Sample(double atSeconds, long loggedIn, long serverRssKiB, long serverLiveHeapKiB) {
    }

    private final ServerProcess server;
    private final LongSupplier loggedIn;
    private final List<Duration> times;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile long startNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chatspec-footprint");
        t.setDaemon(true);
        return t;
    });

    /** Samples at each of {@code times} after {@link #start()}. */
    public FootprintSampler(ServerProcess server, LongSupplier loggedIn, List<Duration> times) {
        this.server = server;
        this.loggedIn = loggedIn;
        this.times = List.copyOf(times);
    }

    /**
     * Starts the clock; only the first call counts. Call it when the first user starts: Gatling injects a few
     * seconds after {@code before()}, and samples timed from there would miss the steps they are meant for.
     */
    public void start() {
        if (started.compareAndSet(false, true)) {
            startNanos = System.nanoTime();
            for (Duration t : times) {
                timer.schedule(this::sample, t.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void sample() {
        double at = Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
        long users = loggedIn.getAsLong();
        long rss = server == null ? -1 : server.rssKiB();
        long heap = server == null ? -1 : server.liveHeapKiB();
        Sample s = new Sample(at, users, rss, heap);
        synchronized (samples) {
            samples.add(s);
        }
        System.out.println("chatspec: " + s);
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
