package io.chatspec.reports.capacity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatspec.reports.chart.ECharts;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.chatspec.reports.html.Html.esc;
import static io.chatspec.reports.html.Html.page;

/**
 * The page of a merged distributed run: the merged percentiles per request (exact, since histograms were added)
 * and a chart of each injector's rate per request, which shows at a glance whether one injector lagged.
 */
public final class MergedPage {
    private MergedPage() {
    }

    public static String html(MergedRun run, Path source, Instant generatedAt) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>chatspec merged load run</h1>\n<div class=\"sub\">")
                .append(run.injectorLogs() == null ? "?" : run.injectorLogs()).append(" injector log(s) · ")
                .append(run.spanSeconds() == null ? "?" : fmt(run.spanSeconds(), "%.1f")).append(" s · from ")
                .append(esc(source.toAbsolutePath().normalize())).append(" · generated ").append(esc(generatedAt))
                .append(" · latencies in ms</div>\n");
        b.append("<h2>Merged percentiles</h2>\n<table class=\"capacity\" id=\"merged\"><tr><th>request</th>"
                + "<th class=\"num\">OK</th><th class=\"num\">KO</th><th class=\"num\">OK/s</th><th class=\"num\">p50</th>"
                + "<th class=\"num\">p90</th><th class=\"num\">p99</th><th class=\"num\">p99.9</th><th class=\"num\">max</th></tr>\n");
        for (Map.Entry<String, MergedRun.Request> e : run.requestsOrEmpty().entrySet()) {
            MergedRun.Request r = e.getValue();
            b.append("<tr data-request=\"").append(esc(e.getKey())).append("\"><td><b>").append(esc(e.getKey()))
                    .append("</b></td>").append(num(r.ok(), "%.0f")).append(num(r.ko(), "%.0f"))
                    .append(num(r.okPerSecond(), "%.1f")).append(num(r.p50Ms(), "%.3f")).append(num(r.p90Ms(), "%.3f"))
                    .append(num(r.p99Ms(), "%.3f")).append(num(r.p999Ms(), "%.3f")).append(num(r.maxMs(), "%.3f"))
                    .append("</tr>\n");
        }
        b.append("</table>\n<h2>Per injector</h2>\n");
        List<MergedRun.Injector> injectors = run.injectorsOrEmpty();
        if (injectors.isEmpty()) {
            b.append("<p class=\"muted\">The merged file lists no injectors.</p>\n");
        } else {
            List<String> names = new ArrayList<>(run.requestsOrEmpty().keySet());
            injectors.forEach(i -> (i.requests() == null ? Map.<String, MergedRun.Request>of() : i.requests())
                    .keySet().stream().filter(n -> !names.contains(n)).forEach(names::add));
            b.append(ECharts.script());
            b.append(ECharts.chart("injector-chart", 360, option(names, injectors),
                    " data-injectors=\"" + injectors.size() + "\""));
            table(b, names, injectors);
        }
        return page("chatspec merged load run", "", b.toString());
    }

    private static ObjectNode option(List<String> names, List<MergedRun.Injector> injectors) {
        ObjectNode o = ECharts.object();
        o.put("animation", false);
        o.putObject("title").put("text", "OK/s per request and injector").put("left", "center")
                .putObject("textStyle").put("fontSize", 14);
        o.putObject("tooltip").put("trigger", "axis");
        ArrayNode legend = o.putObject("legend").put("top", 26).putArray("data");
        o.putObject("grid").put("top", 70).put("left", 70).put("right", 30).put("bottom", 40);
        ArrayNode categories = o.putObject("xAxis").put("type", "category").putArray("data");
        names.forEach(categories::add);
        o.putObject("yAxis").put("type", "value").put("name", "OK/s");
        ArrayNode series = o.putArray("series");
        for (MergedRun.Injector injector : injectors) {
            String label = injector.name() == null ? "injector" : injector.name();
            legend.add(label);
            ObjectNode s = series.addObject().put("name", label).put("type", "bar");
            ArrayNode data = s.putArray("data");
            for (String name : names) {
                MergedRun.Request r = injector.requests() == null ? null : injector.requests().get(name);
                if (r == null || r.okPerSecond() == null) {
                    data.addNull();
                } else {
                    data.add(r.okPerSecond());
                }
            }
        }
        return o;
    }

    private static void table(StringBuilder b, List<String> names, List<MergedRun.Injector> injectors) {
        b.append("<table class=\"capacity\" id=\"injectors\"><tr><th>injector</th>");
        names.forEach(n -> b.append("<th class=\"num\">").append(esc(n)).append(" OK/s</th>"));
        b.append("</tr>\n");
        for (MergedRun.Injector injector : injectors) {
            b.append("<tr data-injector=\"").append(esc(injector.name())).append("\"><td><b>")
                    .append(esc(injector.name())).append("</b></td>");
            for (String name : names) {
                MergedRun.Request r = injector.requests() == null ? null : injector.requests().get(name);
                b.append(num(r == null ? null : r.okPerSecond(), "%.1f"));
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static String num(Number v, String format) {
        return "<td class=\"num\">" + (v == null ? "–" : fmt(v.doubleValue(), format)) + "</td>";
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
