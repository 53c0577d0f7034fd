package io.chatspec.reports.capacity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatspec.reports.chart.ECharts;

import java.util.List;

/**
 * Achieved rate and p99 against offered rate, one point per step, with the knee (the last step that held the SLO)
 * marked and the steps that broke it drawn red. This is the curve people read a capacity run from: where achieved
 * stops following offered and latency turns up.
 */
final class CapacityChart {
    /** What the achieved axis shows, depending on what the result file carries. */
    enum Achieved {
        RATE("achieved /s"), COMMANDS_PER_SECOND("completed commands /s"), COMMANDS_PER_STEP("completed commands per step");

        final String label;

        Achieved(String label) {
            this.label = label;
        }
    }

    private CapacityChart() {
    }

    static Achieved achievedKind(CapacityResult v) {
        if (!v.stepsOrEmpty().isEmpty() && v.stepsOrEmpty().stream().allMatch(s -> s.achievedPerSecond() != null)) {
            return Achieved.RATE;
        }
        return v.stepSeconds() != null && v.stepSeconds() > 0 ? Achieved.COMMANDS_PER_SECOND : Achieved.COMMANDS_PER_STEP;
    }

    static double achieved(CapacityResult v, CapacityResult.Step s) {
        return switch (achievedKind(v)) {
            case RATE -> s.achievedPerSecond();
            case COMMANDS_PER_SECOND -> (s.ok() + s.ko()) / v.stepSeconds();
            case COMMANDS_PER_STEP -> s.ok() + s.ko();
        };
    }

    static ObjectNode option(CapacityResult v) {
        List<CapacityResult.Step> steps = v.stepsOrEmpty();
        Achieved kind = achievedKind(v);
        ObjectNode o = ECharts.object();
        o.put("animation", false);
        o.putObject("title").put("text", "Achieved rate and p99 per offered rate").put("left", "center")
                .putObject("textStyle").put("fontSize", 14);
        o.putObject("tooltip").put("trigger", "axis");
        o.putObject("legend").put("top", 26).putArray("data").add(kind.label).add("p99 ms");
        o.putObject("grid").put("top", 70).put("left", 70).put("right", 70).put("bottom", 50);
        o.putObject("xAxis").put("type", "value").put("name", "offered /s").put("nameLocation", "middle")
                .put("nameGap", 28).put("scale", true);
        ArrayNode y = o.putArray("yAxis");
        y.addObject().put("type", "value").put("name", kind.label).put("position", "left")
                .put("nameLocation", "middle").put("nameGap", 50);
        y.addObject().put("type", "value").put("name", "p99 ms").put("position", "right")
                .put("nameLocation", "middle").put("nameGap", 45).putObject("splitLine").put("show", false);

        ArrayNode series = o.putArray("series");
        ObjectNode achieved = series.addObject().put("name", kind.label).put("type", "line").put("symbolSize", 9);
        ArrayNode achievedData = achieved.putArray("data");
        ObjectNode p99 = series.addObject().put("name", "p99 ms").put("type", "line").put("yAxisIndex", 1)
                .put("symbol", "diamond").put("symbolSize", 9);
        p99.putObject("lineStyle").put("type", "dashed");
        ArrayNode p99Data = p99.putArray("data");
        for (CapacityResult.Step s : steps) {
            point(achievedData, s.ratePerSecond(), achieved(v, s), s.held());
            point(p99Data, s.ratePerSecond(), s.p99Ms(), s.held());
        }
        if (!steps.isEmpty()) {
            // The knee: the highest rate that held with every step before it. With none held, the first step.
            double knee = v.capacityPerSecond() > 0 ? v.capacityPerSecond() : steps.get(0).ratePerSecond();
            String label = v.capacityPerSecond() > 0 ? "knee " + trim(knee) + "/s" : "no step held";
            ObjectNode mark = achieved.putObject("markLine");
            mark.put("symbol", "none").put("silent", true);
            mark.putObject("lineStyle").put("color", "#c62828").put("width", 2);
            mark.putObject("label").put("formatter", label).put("position", "end");
            mark.putArray("data").addObject().put("xAxis", knee).put("name", label);
        }
        return o;
    }

    private static void point(ArrayNode data, double x, double y, boolean held) {
        ObjectNode p = data.addObject();
        p.putArray("value").add(x).add(Math.round(y * 1000) / 1000.0);
        if (!held) {
            p.putObject("itemStyle").put("color", "#c62828");
        }
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
