package io.chatspec.reports.capacity;

import io.chatspec.reports.capacity.GatlingRun.Stats;
import io.chatspec.reports.chart.ECharts;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.chatspec.reports.html.Html.esc;
import static io.chatspec.reports.html.Html.page;

/** The capacity page: Gatling runs side by side, per request, plus any capacity result. */
public final class CapacityPage {
    /** A Gatling run as placed in the report: its copied HTML report and the capacity result it produced. */
    public record Column(int index, GatlingRun run, String reportLink, Optional<CapacityResult.Source> capacity) {
    }

    private static final int[] HEADLINE_PERCENTILES = {50, 95, 99};

    private CapacityPage() {
    }

    public static String html(List<Column> columns, List<CapacityResult.Source> extraResults, Instant generatedAt) {
        StringBuilder b = new StringBuilder(32768);
        b.append("<h1>chatspec capacity report</h1>\n<div class=\"sub\">").append(columns.size())
                .append(columns.size() == 1 ? " Gatling run" : " Gatling runs").append(" · generated ")
                .append(esc(generatedAt)).append(" · response times in ms, throughput in requests/s</div>\n");
        runs(b, columns);
        perRequest(b, columns);
        results(b, columns, extraResults);
        return page("chatspec capacity report", "", b.toString());
    }

    private static void runs(StringBuilder b, List<Column> columns) {
        b.append("<h2>Runs</h2>\n<table class=\"capacity\" id=\"runs\"><tr><th>#</th><th>simulation</th><th>started</th>"
                + "<th class=\"num\">duration</th><th class=\"num\">requests</th><th class=\"num\">KO</th>"
                + "<th class=\"num\">% KO</th><th class=\"num\">req/s</th>");
        for (int p : HEADLINE_PERCENTILES) {
            b.append("<th class=\"num\">p").append(p).append("</th>");
        }
        b.append("<th class=\"num\">max</th><th>SLO assertions</th><th class=\"num\">max sustainable rate</th>"
                + "<th>Gatling report</th></tr>\n");
        for (Column c : columns) {
            GatlingRun r = c.run();
            Stats g = r.global();
            b.append("<tr data-run=\"").append(c.index()).append("\"><td>").append(c.index()).append("</td><td><b>")
                    .append(esc(r.simulation())).append("</b></td><td>").append(esc(r.startedAt())).append("</td>")
                    .append(num(r.duration() == null ? Double.NaN : r.duration().toSeconds(), "%.0f s"));
            if (g == null) {
                b.append("<td colspan=\"").append(7 + HEADLINE_PERCENTILES.length).append("\">no statistics</td>");
            } else {
                b.append(num(g.total(), "%.0f")).append(ko(g.ko())).append(num(g.koPercent(), "%.2f"))
                        .append(num(g.perSecond(), "%.2f"));
                for (int p : HEADLINE_PERCENTILES) {
                    b.append(num(g.percentile(p), "%.0f"));
                }
                b.append(num(g.maxMs(), "%.0f"));
            }
            long held = r.assertions().stream().filter(GatlingRun.Assertion::ok).count();
            b.append("<td").append(held < r.assertions().size() ? " class=\"ko\"" : "").append(">")
                    .append(r.assertions().isEmpty() ? "none" : held + " of " + r.assertions().size() + " OK")
                    .append("</td><td class=\"num\" data-field=\"capacity\">")
                    .append(c.capacity().map(s -> fmt(s.result().capacityPerSecond(), "%.0f") + "/s").orElse("–"))
                    .append("</td><td><a href=\"").append(esc(c.reportLink())).append("\">index.html</a></td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void perRequest(StringBuilder b, List<Column> columns) {
        Set<String> names = new LinkedHashSet<>();
        columns.forEach(c -> c.run().requests().forEach(s -> names.add(s.name())));
        b.append("<h2>Per request</h2>\n<table class=\"capacity\" id=\"per-request\"><tr><th rowspan=\"2\">request</th>");
        for (Column c : columns) {
            b.append("<th colspan=\"").append(3 + HEADLINE_PERCENTILES.length).append("\" class=\"run-start\">#")
                    .append(c.index()).append(' ').append(esc(c.run().simulation())).append("</th>");
        }
        b.append("</tr>\n<tr>");
        for (int i = 0; i < columns.size(); i++) {
            b.append("<th class=\"num run-start\">req/s</th>");
            for (int p : HEADLINE_PERCENTILES) {
                b.append("<th class=\"num\">p").append(p).append("</th>");
            }
            b.append("<th class=\"num\">OK</th><th class=\"num\">KO</th>");
        }
        b.append("</tr>\n");
        for (String name : names) {
            b.append("<tr data-request=\"").append(esc(name)).append("\"><td><b>").append(esc(name)).append("</b></td>");
            for (Column c : columns) {
                Optional<Stats> s = c.run().requests().stream().filter(x -> x.name().equals(name)).findFirst();
                if (s.isEmpty()) {
                    b.append("<td class=\"run-start muted\" colspan=\"").append(3 + HEADLINE_PERCENTILES.length)
                            .append("\">not in this run</td>");
                    continue;
                }
                Stats st = s.get();
                b.append(num(st.perSecond(), "%.2f").replace("<td class=\"num\"", "<td class=\"num run-start\""));
                for (int p : HEADLINE_PERCENTILES) {
                    b.append(num(st.percentile(p), "%.0f"));
                }
                b.append(num(st.ok(), "%.0f")).append(ko(st.ko()));
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void results(StringBuilder b, List<Column> columns, List<CapacityResult.Source> extra) {
        List<CapacityResult.Source> all = new java.util.ArrayList<>();
        columns.forEach(c -> c.capacity().ifPresent(all::add));
        all.addAll(extra);
        b.append("<h2>Capacity</h2>\n");
        if (all.isEmpty()) {
            b.append("<p class=\"muted\">No capacity result: none of these runs is a CapacitySimulation whose "
                    + "capacity-*.json is still in place (pass --capacity FILE to add one).</p>\n");
            return;
        }
        b.append(ECharts.script());
        int n = 0;
        for (CapacityResult.Source s : all) {
            n++;
            CapacityResult v = s.result();
            b.append("<p><b class=\"capacity-rate\">").append(fmt(v.capacityPerSecond(), "%.0f"))
                    .append(" sessions/s</b> held (SLO: ").append(esc(v.slo())).append(") <span class=\"muted\">from ")
                    .append(esc(s.file().toAbsolutePath().normalize())).append("</span></p>\n");
            if (!v.stepsOrEmpty().isEmpty()) {
                b.append(ECharts.chart("capacity-chart-" + n, 380, CapacityChart.option(v),
                        " data-knee=\"" + CapacityChart.trim(v.capacityPerSecond()) + "\" data-steps=\""
                                + v.stepsOrEmpty().size() + "\""));
            }
            CapacityChart.Achieved kind = CapacityChart.achievedKind(v);
            b.append("<table class=\"capacity steps\" id=\"capacity-steps-").append(n)
                    .append("\"><tr><th class=\"num\">offered /s</th><th class=\"num\">").append(esc(kind.label))
                    .append("</th><th class=\"num\">OK</th><th class=\"num\">KO</th><th class=\"num\">p99</th>"
                            + "<th class=\"num\">% errors</th><th>step</th></tr>\n");
            for (CapacityResult.Step step : v.stepsOrEmpty()) {
                b.append("<tr>").append(num(step.ratePerSecond(), "%.0f"))
                        .append(num(CapacityChart.achieved(v, step), "%.1f")).append(num(step.ok(), "%.0f"))
                        .append(ko(step.ko())).append(num(step.p99Ms(), "%.1f")).append(num(step.errorPct(), "%.2f"))
                        .append("<td").append(step.held() ? ">held" : " class=\"ko\">broke the SLO").append("</td></tr>\n");
            }
            b.append("</table>\n");
            deliveries(b, n, DeliveryCounters.of(s));
        }
    }

    private static void deliveries(StringBuilder b, int n, Optional<DeliveryCounters> counters) {
        if (counters.isEmpty()) {
            b.append("<p class=\"muted deliveries\" id=\"deliveries-").append(n).append("\">No delivery counters: "
                    + "neither the result nor a run summary beside it (&lt;Simulation&gt;-&lt;injector&gt;.json) has them.</p>\n");
            return;
        }
        DeliveryCounters d = counters.get();
        b.append("<table class=\"capacity deliveries\" id=\"deliveries-").append(n).append("\"><tr>"
                + "<th class=\"num\">expected deliveries</th><th class=\"num\">delivered</th><th class=\"num\">lost</th>"
                + "<th class=\"num\">duplicated</th><th class=\"num\">out of order</th><th class=\"num\">unparsed</th>"
                + "<th>delivery</th></tr>\n<tr>")
                .append(count(d.expectedDeliveriesSent(), false, "sent")).append(count(d.delivered(), false, "delivered"))
                .append(count(d.lost(), true, "lost")).append(count(d.duplicates(), true, "duplicates"))
                .append(count(d.outOfOrder(), true, "outOfOrder")).append(count(d.unparsedForwards(), true, "unparsed"))
                .append("<td").append(d.clean() ? ">intact" : " class=\"ko\">messages lost, duplicated or reordered")
                .append("</td></tr>\n</table>\n");
    }

    private static String count(Long v, boolean bad, String field) {
        return "<td class=\"num" + (bad && v != null && v > 0 ? " ko" : "") + "\" data-field=\"" + field + "\">"
                + (v == null ? "–" : v.toString()) + "</td>";
    }

    private static String ko(long ko) {
        return "<td class=\"num" + (ko > 0 ? " ko" : "") + "\">" + ko + "</td>";
    }

    private static String num(double v, String format) {
        return "<td class=\"num\">" + fmt(v, format) + "</td>";
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
