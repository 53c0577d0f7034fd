package io.chatspec.server.limits;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notices an event loop that died or stopped running tasks (the "up but deaf" server of issue 9) and calls
 * {@link Fatal#giveUp}. Every second it queues a no-op stamp on each loop; a loop whose stamp is older than the
 * limit is stuck.
 */
public final class LoopWatchdog implements AutoCloseable {
    static final Duration PING = Duration.ofSeconds(1);

    private final List<EventExecutor> loops = new ArrayList<>();
    private final List<AtomicLong> lastRun = new ArrayList<>();
    private final long limitNanos;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;
    private volatile boolean gaveUp;

    public LoopWatchdog(Duration limit, EventExecutorGroup... groups) {
        this.limitNanos = limit.toNanos();
        long now = System.nanoTime();
        for (EventExecutorGroup g : groups) {
            for (EventExecutor e : g) {
                loops.add(e);
                lastRun.add(new AtomicLong(now));
            }
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chatspec-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, PING.toMillis(), PING.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (closed || gaveUp) {
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < loops.size(); i++) {
            EventExecutor loop = loops.get(i);
            AtomicLong stamp = lastRun.get(i);
            if (loop.isShuttingDown()) {
                giveUp("event loop " + i + " has stopped");
                return;
            }
            if (now - stamp.get() > limitNanos) {
                giveUp("event loop " + i + " has run no task for " + Duration.ofNanos(now - stamp.get()).toSeconds() + " s");
                return;
            }
            try {
                loop.execute(() -> stamp.set(System.nanoTime()));
            } catch (RuntimeException e) {
                giveUp("event loop " + i + " refuses tasks: " + e);
                return;
            }
        }
    }

    private void giveUp(String reason) {
        if (!closed) {
            gaveUp = true;
            Fatal.giveUp(reason);
        }
    }

    /** The server is stopping its loops on purpose. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
