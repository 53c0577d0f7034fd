package io.chatspec.load.metrics;

import io.chatspec.load.delivery.DeliveryStats;
import io.chatspec.load.delivery.FanoutTracker;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * This injector's own measurements, next to Gatling's: every request outcome in microsecond HdrHistograms per
 * request name and status, written once a second as an HdrHistogram interval log. Interval logs from several
 * injectors merge without loss ({@code io.chatspec.load.merge.HdrMerge}), which Gatling's own logs no longer do.
 *
 * <p>One instance per simulation run, handed to the chat protocol ({@code ChatProtocolBuilder.metrics}) and
 * reached by every action through its {@code ChatComponents}: no static, so two runs in one JVM (tests, the jar
 * after a Maven run) never record into each other's figures.
 */
public final class LoadMetrics {
    /** Longest latency kept exactly: one hour in microseconds. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    public static final String OK = "OK:";
    public static final String KO = "KO:";

    private final ConcurrentHashMap<String, OutcomeRecorder> recorders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Handle> handles = new ConcurrentHashMap<>();
    private final Map<String, Histogram> totals = new TreeMap<>();
    private final ConcurrentHashMap<String, LongAdder> bytes = new ConcurrentHashMap<>();
    private final Map<String, long[]> spans = new TreeMap<>();
    private final List<Interval> intervals = new ArrayList<>();
    private final DeliveryStats deliveries = new DeliveryStats();
    private final FanoutTracker fanout = new FanoutTracker();
    private final ConcurrentHashMap<String, Long> notificationClock = new ConcurrentHashMap<>();
    private final String injector;
    private final HistogramLogWriter writer;
    private final ScheduledExecutorService ticker;
    private final long startMillis = System.currentTimeMillis();
    private long lastTickMillis = startMillis;

    /**
     * One second of all commands together: what a capacity step is judged on. {@code completed} counts each
     * command's OK outcomes by request name, so a step can say how many sessions it actually served (a session that
     * ended in a timeout was not: counting it made a collapsed step look faster than the offered rate).
     */
    public record Interval(long startMillis, long endMillis, Histogram ok, long ko, Map<String, Long> completed) {
        public long completed(String request) {
            return completed.getOrDefault(request, 0L);
        }
    }

    private LoadMetrics(Path hdrLog, String injector) {
        this.injector = injector;
        if (hdrLog == null) {
            this.writer = null;
            this.ticker = null;
            return;
        }
        try {
            Files.createDirectories(hdrLog.getParent());
            this.writer = new HistogramLogWriter(hdrLog.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.outputComment("chatspec injector " + injector);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chatspec-hdr-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts a fresh set of measurements that writes its interval log to {@code hdrLog}, once a second. */
    public static LoadMetrics logging(Path hdrLog, String injector) {
        return new LoadMetrics(hdrLog, injector);
    }

    /** Measurements kept in memory only (no log, no ticker): a protocol built without a simulation's metrics. */
    public static LoadMetrics inMemory(String injector) {
        return new LoadMetrics(null, injector);
    }

    public String injector() {
        return injector;
    }

    public DeliveryStats deliveries() {
        return deliveries;
    }

    public FanoutTracker fanout() {
        return fanout;
    }

    /**
     * Send times of commands whose notification another user of this injector should receive, keyed
     * {@code "<notification cmd>/<subject>"}; the receiver takes the entry out to time the delivery.
     */
    public ConcurrentHashMap<String, Long> notificationClock() {
        return notificationClock;
    }

    /**
     * Epoch ms of the earliest start of any recorded outcome: when load really began. Gatling injects a while
     * after {@code before()}, so {@link #startMillis()} is too early to align load steps with. The start time
     * when nothing was recorded.
     */
    public long firstRequestMillis() {
        long first = recorders.values().stream().mapToLong(OutcomeRecorder::first).min().orElse(Long.MAX_VALUE);
        return first == Long.MAX_VALUE ? startMillis : first / 1000;
    }

    /** One outcome of {@code request} that started and ended at these epoch microseconds. */
    public void record(String request, long startMicros, long endMicros, boolean ok) {
        // the hot path (several calls per chat message): a lock-free get of handles resolved once per request
        // name, no key concatenation; computeIfAbsent (which may lock a bin) only for a request's first outcome
        Handle h = handles.get(request);
        if (h == null) {
            h = handles.computeIfAbsent(request, Handle::new);
        }
        (ok ? h.ok() : h.ko()).record(startMicros, endMicros);
    }

    /** One request name's recorders, also registered under "OK:"/"KO:" keys; each made on its first outcome. */
    private final class Handle {
        private final String request;
        private volatile OutcomeRecorder ok;
        private volatile OutcomeRecorder ko;

        Handle(String request) {
            this.request = request;
        }

        // racing first outcomes resolve to the same recorder: it comes from the map
        OutcomeRecorder ok() {
            OutcomeRecorder r = ok;
            return r != null ? r : (ok = recorders.computeIfAbsent(OK + request, k -> new OutcomeRecorder()));
        }

        OutcomeRecorder ko() {
            OutcomeRecorder r = ko;
            return r != null ? r : (ko = recorders.computeIfAbsent(KO + request, k -> new OutcomeRecorder()));
        }
    }

    /**
     * Seconds from the earliest start to the latest end of the outcomes recorded under {@code key}
     * ({@code "OK:<request>"}): the window a rate of that request should be taken over, rather than the whole
     * run with its set-up, rendezvous and drain. 0 when there were none.
     */
    public double activeSeconds(String key) {
        long[] w = activeWindowMicros(key);
        return w == null ? 0 : (w[1] - w[0]) / 1e6;
    }

    /** Epoch µs of the earliest start and latest end recorded under {@code key}; null when there were none. */
    public long[] activeWindowMicros(String key) {
        OutcomeRecorder r = recorders.get(key);
        if (r == null) {
            return null;
        }
        long first = r.first();
        long last = r.last();
        return last > first ? new long[]{first, last} : null;
    }

    /** A relayed transfer: bytes and its time span, for aggregate MB/s over concurrent transfers. */
    public synchronized void addTransfer(String request, long n, long startMicros, long endMicros) {
        bytes.computeIfAbsent(request, k -> new LongAdder()).add(n);
        spans.merge(request, new long[]{startMicros, endMicros},
                (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    /** Total bytes over first start to last end, in MB/s (10^6 bytes per second); 0 when none. */
    public synchronized double megabytesPerSecond(String request) {
        long[] span = spans.get(request);
        if (span == null || span[1] <= span[0]) {
            return 0;
        }
        return bytes(request) / ((span[1] - span[0]) / 1e6) / 1e6;
    }

    public long bytes(String request) {
        LongAdder a = bytes.get(request);
        return a == null ? 0 : a.sum();
    }

    /** Flushes the last interval and closes the log. Idempotent. */
    public synchronized void stop() {
        if (ticker != null && !ticker.isShutdown()) {
            ticker.shutdownNow();
            tick();
            writer.close();
        } else if (ticker == null) {
            tick();
        }
    }

    public synchronized Map<String, Histogram> totals() {
        Map<String, Histogram> copy = new TreeMap<>();
        totals.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    public synchronized List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    public long startMillis() {
        return startMillis;
    }

    private synchronized void tick() {
        long now = System.currentTimeMillis();
        Histogram allOk = new Histogram(HIGHEST_MICROS, 3);
        long ko = 0;
        Map<String, Long> completed = new TreeMap<>();
        for (Map.Entry<String, OutcomeRecorder> e : new TreeMap<>(recorders).entrySet()) {
            Histogram h = e.getValue().intervalHistogram();
            if (h.getTotalCount() == 0) {
                continue;
            }
            h.setTag(toTag(e.getKey()));
            h.setStartTimeStamp(lastTickMillis);
            h.setEndTimeStamp(now);
            if (writer != null) {
                writer.outputIntervalHistogram(h);
            }
            totals.computeIfAbsent(e.getKey(), k -> new Histogram(HIGHEST_MICROS, 3)).add(h);
            // deliveries and spreads are measurements, not load: the capacity SLO judges commands only
            String request = e.getKey().substring(OK.length()); // "OK:" and "KO:" alike
            if (e.getKey().startsWith(OK) && !isDerived(request)) {
                allOk.add(h);
            } else if (e.getKey().startsWith(KO)) {
                ko += h.getTotalCount();
            }
            if (e.getKey().startsWith(OK) && !isDerived(request)) {
                // a session that ended in a KO (a timeout, a refused connection) was not served
                completed.merge(request, h.getTotalCount(), Long::sum);
            }
        }
        intervals.add(new Interval(lastTickMillis, now, allOk, ko, Map.copyOf(completed)));
        lastTickMillis = now;
    }

    /** HdrHistogram's log reader splits on spaces and commas, so neither may appear in a tag. */
    public static String toTag(String key) {
        return key.replace(' ', '+').replace(',', ';');
    }

    public static String fromTag(String tag) {
        return tag.replace('+', ' ');
    }

    public static boolean isDerived(String request) {
        return request.startsWith("deliver ") || request.startsWith("fanout ") || request.startsWith("relay ");
    }
}
