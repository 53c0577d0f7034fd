package io.chatspec.load.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.sim.RunSummary;
import io.chatspec.protocol.Json;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>Besides the Markdown table it writes {@code merged.json} ({@link #toJson()}): the format of a single run's
 * summary ({@code requests} per request as {@link RunSummary} writes them, {@code deliveries} summed from the
 * injectors' summaries beside their {@code hdr/} folder), plus {@code injectorLogs}, {@code spanSeconds} and
 * each injector's own {@code requests}; the reports module's capacity page reads it ({@code --merged}).
 *
 * <pre>java -cp ... io.chatspec.load.merge.HdrMerge [--out report.md] FILE_OR_DIR...</pre>
 * A directory stands for every {@code *.hlog} under it.
 */
public final class HdrMerge {
    private final Tags all = new Tags();
    private final Map<String, Tags> byInjector = new TreeMap<>();
    private final Map<String, Long> deliveries = new TreeMap<>();
    private final java.util.Set<String> simulations = new java.util.TreeSet<>();
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;
    private int logs;

    /** Histograms added per tag, and the span of the intervals each tag occurred in. */
    private static final class Tags {
        final Map<String, Histogram> byTag = new TreeMap<>();
        final Map<String, long[]> spanByTag = new TreeMap<>();

        void add(String tag, Histogram h) {
            byTag.computeIfAbsent(tag, t -> new Histogram(LoadMetrics.HIGHEST_MICROS, 3)).add(h);
            spanByTag.merge(tag, new long[]{h.getStartTimeStamp(), h.getEndTimeStamp()},
                    (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }

        double spanSeconds(String tag) {
            long[] span = spanByTag.get(tag);
            return span == null || span[1] <= span[0] ? 0 : (span[1] - span[0]) / 1000.0;
        }

        Map<String, Object> requests() {
            return RunSummary.requests(byTag, this::spanSeconds);
        }
    }

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
        System.out.print(merge.report());
        if (out != null) {
            System.out.println("merged JSON: " + merge.write(out));
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

    public void add(Path log) throws IOException {
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        logs++;
        String injector = log.getFileName().toString().replaceFirst("\\.hlog$", "");
        Tags own = byInjector.computeIfAbsent(injector, i -> new Tags());
        for (EncodableHistogram e; (e = reader.nextIntervalHistogram()) != null; ) {
            Histogram h = (Histogram) e;
            String tag = LoadMetrics.fromTag(h.getTag());
            all.add(tag, h);
            own.add(tag, h);
            firstMillis = Math.min(firstMillis, h.getStartTimeStamp());
            lastMillis = Math.max(lastMillis, h.getEndTimeStamp());
        }
        addSummary(log, injector);
    }

    /**
     * The injector's own summary ({@code <Simulation>-<injector>.json}, written beside the {@code hdr/} folder
     * by the same run), if it is there: its delivery counters are added, its simulation name kept.
     */
    private void addSummary(Path log, String injector) throws IOException {
        Path dir = log.toAbsolutePath().getParent();
        Path summary = dir == null || dir.getParent() == null ? null : dir.getParent().resolve(injector + ".json");
        if (summary == null || !Files.isRegularFile(summary)) {
            return;
        }
        JsonNode json = Json.MAPPER.readTree(summary.toFile());
        if (json.hasNonNull("simulation")) {
            simulations.add(json.get("simulation").asText());
        }
        json.path("deliveries").fields().forEachRemaining(f -> {
            if (f.getValue().canConvertToLong()) {
                deliveries.merge(f.getKey(), f.getValue().asLong(), Long::sum);
            }
        });
    }

    /** The merged histogram for a request and status ("OK:" or "KO:" prefix), or null. */
    public Histogram merged(String tag) {
        return all.byTag.get(tag);
    }

    public double spanSeconds() {
        return lastMillis > firstMillis ? (lastMillis - firstMillis) / 1000.0 : 0;
    }

    /** Seconds from the first to the last interval that has {@code tag}; 0 when none. */
    public double spanSeconds(String tag) {
        return all.spanSeconds(tag);
    }

    /**
     * {@code merged.json}: a single run's summary format for the merged histograms, plus how many logs went in,
     * their span, and each injector's own figures (named after its log file).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (simulations.size() == 1) {
            m.put("simulation", simulations.iterator().next());
        }
        m.put("injector", "merged");
        m.put("injectorLogs", logs);
        m.put("spanSeconds", Math.round(spanSeconds() * 1000) / 1000.0);
        m.put("requests", all.requests());
        if (!deliveries.isEmpty()) {
            m.put("deliveries", deliveries);
        }
        List<Map<String, Object>> injectors = new ArrayList<>();
        byInjector.forEach((name, tags) -> {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", name);
            i.put("requests", tags.requests());
            injectors.add(i);
        });
        m.put("injectors", injectors);
        return m;
    }

    /**
     * Writes the Markdown report to {@code markdown} and {@code merged.json} beside it (same name, {@code .json});
     * returns the JSON file.
     */
    public Path write(Path markdown) throws IOException {
        Path parent = markdown.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(markdown, report());
        String name = markdown.getFileName().toString();
        Path json = parent.resolve((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".json");
        Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), toJson());
        return json;
    }

    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "# Merged load report: %d injector logs, %.1f s%n%n", logs,
                spanSeconds()));
        b.append("| request | OK | KO | OK/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Histogram> byTag = all.byTag;
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
