package io.chatspec.load.sim;

import io.chatspec.load.metrics.LoadMetrics;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Per-request figures from this injector's HdrHistograms (microsecond precision, unlike Gatling's ms). */
public final class RunSummary {
    private RunSummary() {
    }

    public static Map<String, Object> requests(LoadMetrics metrics) {
        Map<String, Histogram> totals = metrics.totals();
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Histogram> e : totals.entrySet()) {
            if (!e.getKey().startsWith(LoadMetrics.OK)) {
                continue;
            }
            String name = e.getKey().substring(LoadMetrics.OK.length());
            Histogram h = e.getValue();
            Histogram ko = totals.get(LoadMetrics.KO + name);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ok", h.getTotalCount());
            r.put("ko", ko == null ? 0 : ko.getTotalCount());
            // over this request's own active window: the whole run (set-up, rendezvous, drain) would read low
            double active = metrics.activeSeconds(e.getKey());
            r.put("okPerSecond", active == 0 ? 0 : round(h.getTotalCount() / active));
            r.put("activeSeconds", round(active));
            r.put("p50Ms", ms(h.getValueAtPercentile(50)));
            r.put("p99Ms", ms(h.getValueAtPercentile(99)));
            r.put("maxMs", ms(h.getMaxValue()));
            out.put(name, r);
        }
        totals.keySet().stream().filter(k -> k.startsWith(LoadMetrics.KO))
                .map(k -> k.substring(LoadMetrics.KO.length()))
                .filter(n -> !out.containsKey(n))
                .forEach(n -> out.put(n, Map.of("ok", 0, "ko", totals.get(LoadMetrics.KO + n).getTotalCount())));
        return out;
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
