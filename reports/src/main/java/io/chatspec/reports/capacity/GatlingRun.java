package io.chatspec.reports.capacity;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headline figures of one Gatling run, read from its HTML report. Gatling 3.12+ writes a binary simulation.log and
 * no js/stats.json; the statistics table in index.html is the only stable, human-checkable place the figures are
 * written, so that is what this reads (columns are found by their header text, not by position, because the
 * percentiles shown are configurable in gatling.conf).
 */
public record GatlingRun(Path folder, String simulation, String gatlingVersion, Instant startedAt, Duration duration,
                         Stats global, List<Stats> requests, List<Assertion> assertions) {

    /** One row of Gatling's statistics table; {@code percentiles} maps 50, 75, 95, 99 (as configured) to ms. */
    public record Stats(String name, long total, long ok, long ko, double koPercent, double perSecond, double minMs,
                        Map<Integer, Double> percentiles, double maxMs, double meanMs) {
        public double percentile(int p) {
            return percentiles.getOrDefault(p, Double.NaN);
        }
    }

    public record Assertion(String text, boolean ok) {
    }

    private static final Pattern PERCENTILE = Pattern.compile("(\\d+)(st|nd|rd|th) pct");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    public static GatlingRun read(Path folder) {
        Path index = folder.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException("no Gatling report at " + index
                    + " (expected a folder such as load/target/gatling/<simulation>-<timestamp>)");
        }
        Document doc;
        try {
            doc = Jsoup.parse(index.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
        Map<String, Integer> columns = columns(doc);
        if (!columns.containsKey("Total")) {
            throw new IllegalArgumentException(index + " has no Gatling statistics table (not a Gatling 3 report?)");
        }
        Element globalRow = doc.selectFirst("#container_statistics_head tbody tr");
        Stats global = globalRow == null ? null : stats(globalRow, columns, Map.of());

        Map<String, String> names = new HashMap<>();
        List<Stats> requests = new ArrayList<>();
        for (Element row : doc.select("#container_statistics_body tbody tr")) {
            Stats s = stats(row, columns, names);
            names.put(row.id(), s.name());
            requests.add(s);
        }
        List<Assertion> assertions = doc.select("#container_assertions tbody tr").stream()
                .map(tr -> new Assertion(tr.child(0).ownText().strip(),
                        "OK".equalsIgnoreCase(tr.child(tr.childrenSize() - 1).text().strip())))
                .toList();
        return new GatlingRun(folder, text(doc.selectFirst(".onglet")), info(doc, "Version"),
                parseDate(info(doc, "Date")), parseDuration(info(doc, "Duration")), global, requests, assertions);
    }

    public Optional<Instant> endedAt() {
        return startedAt == null || duration == null ? Optional.empty() : Optional.of(startedAt.plus(duration));
    }

    private static Map<String, Integer> columns(Document doc) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (Element th : doc.select("#container_statistics_head thead th[id^=col-]")) {
            columns.put(th.text().strip(), Integer.parseInt(th.id().substring("col-".length())));
        }
        return columns;
    }

    private static Stats stats(Element row, Map<String, Integer> columns, Map<String, String> parentNames) {
        String name = text(row.selectFirst(".ellipsed-name"));
        String parent = parentNames.get(row.attr("data-parent"));
        if (parent != null) {
            name = parent + " / " + name; // a request inside a Gatling group
        }
        Map<Integer, Double> percentiles = new LinkedHashMap<>();
        columns.forEach((label, col) -> {
            Matcher m = PERCENTILE.matcher(label);
            if (m.matches()) {
                percentiles.put(Integer.parseInt(m.group(1)), number(row, col));
            }
        });
        return new Stats(name, (long) number(row, columns.get("Total")), (long) number(row, columns.get("OK")),
                (long) number(row, columns.get("KO")), number(row, columns.get("% KO")),
                number(row, columns.get("Cnt/s")), number(row, columns.get("Min")), percentiles,
                number(row, columns.get("Max")), number(row, columns.get("Mean")));
    }

    private static double number(Element row, Integer col) {
        if (col == null) {
            return Double.NaN;
        }
        Element cell = row.selectFirst("td.col-" + col);
        if (cell == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell.text().strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN; // Gatling writes "-" where there is no value
        }
    }

    private static String info(Document doc, String label) {
        for (Element l : doc.select(".simulation-information-label")) {
            if (l.text().strip().startsWith(label)) {
                Element value = l.nextElementSibling();
                return value == null ? null : value.text().strip();
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.text().strip();
    }

    static Instant parseDate(String s) {
        try {
            return s == null ? null : ZonedDateTime.parse(s, DATE).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Gatling writes "11s", "1m 5s", "2h 1m 3s". */
    static Duration parseDuration(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = Pattern.compile("(\\d+)\\s*(h|m|s|ms)\\b").matcher(s);
        Duration d = Duration.ZERO;
        boolean any = false;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "ms" -> Duration.ofMillis(n);
                default -> Duration.ofSeconds(n);
            });
            any = true;
        }
        return any ? d : null;
    }
}
