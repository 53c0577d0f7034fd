package io.chatspec.load.sim;

import io.chatspec.load.metrics.LoadMetrics;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-request figures from HdrHistograms (microsecond precision, unlike Gatling's ms): the {@code requests}
 * object of a run's summary ({@code <Simulation>-<injector>.json}) and, in the same format, of a merged
 * distributed run ({@code merged.json}, see {@link io.chatspec.load.merge.HdrMerge}).
 */
public final class RunSummary {
    private RunSummary() {
    }

    public static Map<String, Object> requests(LoadMetrics metrics) {
        return requests(metrics.totals(), metrics::activeSeconds);
    }

    /**
     * @param totals        histograms keyed {@code "OK:<request>"} and {@code "KO:<request>"}
     * @param activeSeconds per OK key, the seconds a rate of that request is taken over
     */
    public static Map<String, Object> requests(Map<String, Histogram> totals, ToDoubleFunction<String> activeSeconds) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Histogram> e : totals.entrySet()) {
            if (!e.getKey().startsWith(LoadMetrics.OK)) {
                continue;
            }
            String name = e.getKey().substring(LoadMetrics.OK.length());
            // over this request's own active window: the whole run (set-up, rendezvous, drain) would read low
            out.put(name, figures(e.getValue(), totals.get(LoadMetrics.KO + name),
                    activeSeconds.applyAsDouble(e.getKey())));
        }
        totals.keySet().stream().filter(k -> k.startsWith(LoadMetrics.KO))
                .map(k -> k.substring(LoadMetrics.KO.length()))
                .filter(n -> !out.containsKey(n))
                .forEach(n -> out.put(n, Map.of("ok", 0, "ko", totals.get(LoadMetrics.KO + n).getTotalCount())));
        return out;
    }

    private static Map<String, Object> figures(Histogram ok, Histogram ko, double active) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ok", ok.getTotalCount());
        r.put("ko", ko == null ? 0 : ko.getTotalCount());
        r.put("okPerSecond", active == 0 ? 0 : round(ok.getTotalCount() / active));
        r.put("activeSeconds", round(active));
        r.put("p50Ms", ms(ok.getValueAtPercentile(50)));
        r.put("p90Ms", ms(ok.getValueAtPercentile(90)));
        r.put("p99Ms", ms(ok.getValueAtPercentile(99)));
        r.put("p999Ms", ms(ok.getValueAtPercentile(99.9)));
        r.put("maxMs", ms(ok.getMaxValue()));
        return r;
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
