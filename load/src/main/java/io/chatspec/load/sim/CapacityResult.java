package io.chatspec.load.sim;

import io.chatspec.load.metrics.LoadMetrics;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The capacity result of a stepped run, written as {@code capacity-<injector>.json} and read by the reports
 * module's record of the same name (schema: docs/LOAD.md, "The capacity result"). Judges each arrival-rate step
 * on its own one-second intervals: p99 of OK command latency and the KO share. The capacity is the rate of the
 * last step before the first one that broke the SLO.
 *
 * @param capacityPerSecond highest step rate that held (0 when even the first broke)
 * @param stepSeconds       how long each step lasted
 * @param deliveries        the run's delivery counters, as in the run summary (null when not known)
 */
public record CapacityResult(String slo, double capacityPerSecond, int stepSeconds, List<Step> steps,
                             Map<String, Object> deliveries) {

    /**
     * @param achievedPerSecond sessions the step served per second (OK outcomes of its last request), in the
     *                          offered rate's unit: where it stops following {@code ratePerSecond} the server (or
     *                          the injector) no longer keeps up
     */
    public record Step(double ratePerSecond, double achievedPerSecond, long ok, long ko, double p99Ms,
                       double errorPct, boolean held) {
    }

    /** How the steps were offered and what they are judged on. */
    public record Plan(double start, double increment, int steps, int stepSeconds, double p99Ms, double errorPct,
                       String sessionEndRequest) {
    }

    /**
     * @param runStartMillis when the first judged step began (after any warm-up)
     * @param deliveries     the run's delivery counters, or null
     */
    public static CapacityResult judge(List<LoadMetrics.Interval> intervals, long runStartMillis, Plan plan,
                                       Map<String, Object> deliveries) {
        List<Step> judged = new ArrayList<>();
        double capacity = 0;
        boolean broken = false;
        for (int i = 0; i < plan.steps(); i++) {
            long from = runStartMillis + (long) i * plan.stepSeconds() * 1000;
            long to = from + plan.stepSeconds() * 1000L;
            Histogram ok = new Histogram(LoadMetrics.HIGHEST_MICROS, 3);
            long ko = 0;
            long sessions = 0;
            for (LoadMetrics.Interval in : intervals) {
                long mid = (in.startMillis() + in.endMillis()) / 2;
                if (mid >= from && mid < to) {
                    ok.add(in.ok());
                    ko += in.ko();
                    sessions += in.completed(plan.sessionEndRequest());
                }
            }
            long total = ok.getTotalCount() + ko;
            double p99 = ok.getTotalCount() == 0 ? 0 : ok.getValueAtPercentile(99) / 1000.0;
            double err = total == 0 ? 0 : 100.0 * ko / total;
            boolean held = total > 0 && p99 <= plan.p99Ms() && err <= plan.errorPct();
            double rate = plan.start() + i * plan.increment();
            judged.add(new Step(rate, RunSummary.round((double) sessions / plan.stepSeconds()), ok.getTotalCount(),
                    ko, p99, err, held));
            if (!broken && held) {
                capacity = rate;
            } else {
                broken = true;
            }
        }
        return new CapacityResult("p99 <= " + plan.p99Ms() + " ms, errors <= " + plan.errorPct() + " %", capacity,
                plan.stepSeconds(), judged, deliveries);
    }
}
