package io.chatspec.load.sim;

import io.chatspec.load.metrics.LoadMetrics;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The capacity result of a stepped run, written as {@code capacity-<injector>.json} and read by the reports
 * module's record of the same name (schema: docs/LOAD.md, "The capacity result"). Judges each arrival-rate step
 * on its own one-second intervals: p99 of OK command latency and the KO share. The capacity is the rate of the
 * last step before the first one that broke the SLO.
 *
 * @param capacityPerSecond highest step rate that held (0 when even the first broke)
 */
public record CapacityResult(String slo, double capacityPerSecond, List<Step> steps) {

    public record Step(double ratePerSecond, long ok, long ko, double p99Ms, double errorPct, boolean held) {
    }

    public static CapacityResult judge(List<LoadMetrics.Interval> intervals, long runStartMillis, double start,
                                       double increment, int steps, int stepSeconds, double p99Ms,
                                       double errorPct) {
        List<Step> judged = new ArrayList<>();
        double capacity = 0;
        boolean broken = false;
        for (int i = 0; i < steps; i++) {
            long from = runStartMillis + (long) i * stepSeconds * 1000;
            long to = from + stepSeconds * 1000L;
            Histogram ok = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            long ko = 0;
            for (LoadMetrics.Interval in : intervals) {
                long mid = (in.startMillis() + in.endMillis()) / 2;
                if (mid >= from && mid < to) {
                    ok.add(in.ok());
                    ko += in.ko();
                }
            }
            long total = ok.getTotalCount() + ko;
            double p99 = ok.getTotalCount() == 0 ? 0 : ok.getValueAtPercentile(99) / 1000.0;
            double err = total == 0 ? 0 : 100.0 * ko / total;
            boolean held = total > 0 && p99 <= p99Ms && err <= errorPct;
            double rate = start + i * increment;
            judged.add(new Step(rate, ok.getTotalCount(), ko, p99, err, held));
            if (!broken && held) {
                capacity = rate;
            } else {
                broken = true;
            }
        }
        return new CapacityResult("p99 <= " + p99Ms + " ms, errors <= " + errorPct + " %", capacity, judged);
    }
}
