package io.chatspec.load.merge;

import io.chatspec.load.metrics.LoadMetrics;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Combines the HdrHistogram interval logs of several injectors into one report: histograms with the same tag
 * (request name and status) are added, which is lossless, so the merged percentiles are exact; throughput is the
 * summed count over the span of the intervals in which that request occurred, on any injector (so a request
 * that only runs in part of the test is not averaged over the rest).
 *
 * <pre>java -cp ... io.chatspec.load.merge.HdrMerge [--out report.md] FILE_OR_DIR...</pre>
 * A directory stands for every {@code *.hlog} under it.
 */
public final class HdrMerge {
    private final Map<String, Histogram> byTag = new TreeMap<>();
    private final Map<String, long[]> spanByTag = new TreeMap<>();
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;
    private int logs;

    public static void main(String[] args) throws IOException {
        Path out = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: HdrMerge [--out report.md] FILE_OR_DIR...");
            System.exit(2);
        }
        HdrMerge merge = new HdrMerge();
        for (Path p : expand(inputs)) {
            merge.add(p);
        }
        String report = merge.report();
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".hlog")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    public void add(Path log) throws FileNotFoundException {
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        logs++;
        for (EncodableHistogram e; (e = reader.nextIntervalHistogram()) != null; ) {
            Histogram h = (Histogram) e;
            String tag = LoadMetrics.fromTag(h.getTag());
            byTag.computeIfAbsent(tag, t -> new Histogram(LoadMetrics.HIGHEST_MICROS, 3)).add(h);
            spanByTag.merge(tag, new long[]{h.getStartTimeStamp(), h.getEndTimeStamp()},
                    (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            firstMillis = Math.min(firstMillis, h.getStartTimeStamp());
            lastMillis = Math.max(lastMillis, h.getEndTimeStamp());
        }
    }

    /** The merged histogram for a request and status ("OK:" or "KO:" prefix), or null. */
    public Histogram merged(String tag) {
        return byTag.get(tag);
    }

    public double spanSeconds() {
        return lastMillis > firstMillis ? (lastMillis - firstMillis) / 1000.0 : 0;
    }

    /** Seconds from the first to the last interval that has {@code tag}; 0 when none. */
    public double spanSeconds(String tag) {
        long[] span = spanByTag.get(tag);
        return span == null || span[1] <= span[0] ? 0 : (span[1] - span[0]) / 1000.0;
    }

    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "# Merged load report: %d injector logs, %.1f s%n%n", logs,
                spanSeconds()));
        b.append("| request | OK | KO | OK/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Histogram> e : byTag.entrySet()) {
            if (!e.getKey().startsWith(LoadMetrics.OK)) {
                continue;
            }
            String name = e.getKey().substring(LoadMetrics.OK.length());
            Histogram h = e.getValue();
            Histogram ko = byTag.get(LoadMetrics.KO + name);
            double active = spanSeconds(e.getKey());
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", name,
                    h.getTotalCount(), ko == null ? 0 : ko.getTotalCount(),
                    active == 0 ? 0 : h.getTotalCount() / active, ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
        }
        byTag.keySet().stream().filter(t -> t.startsWith(LoadMetrics.KO))
                .filter(t -> !byTag.containsKey(LoadMetrics.OK + t.substring(LoadMetrics.KO.length())))
                .forEach(t -> b.append(String.format(Locale.ROOT, "| %s | 0 | %d | 0 | | | | | |%n",
                        t.substring(LoadMetrics.KO.length()), byTag.get(t).getTotalCount())));
        return b.toString();
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

}
