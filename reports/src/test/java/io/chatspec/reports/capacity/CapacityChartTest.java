package io.chatspec.reports.capacity;

import io.chatspec.reports.ReportsCli;
import io.chatspec.reports.support.Browser;
import io.chatspec.reports.support.ConformanceRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The capacity chart (achieved rate and p99 per offered rate, knee marked), the delivery counters, and the page of
 * a merged distributed run, rendered by the inlined ECharts in headless Chromium with no network.
 */
public class CapacityChartTest {
    private static final String CAPACITY_RUN = "capacitysimulation-20261125204213625";

    /** A newer verdict file: per-step achieved rates, step length, and a field this reader does not know. */
    private static final String VERDICT = """
            {"slo": "p99 <= 50.0 ms, errors <= 1.0 %", "capacityPerSecond": 60.0, "stepSeconds": 2.0,
             "baselineRatio": 0.91, "steps": [
              {"ratePerSecond": 20.0, "achievedPerSecond": 20.0, "ok": 280, "ko": 0, "p99Ms": 4.8, "errorPct": 0.0, "held": true},
              {"ratePerSecond": 40.0, "achievedPerSecond": 39.5, "ok": 477, "ko": 0, "p99Ms": 7.0, "errorPct": 0.0, "held": true},
              {"ratePerSecond": 60.0, "achievedPerSecond": 58.9, "ok": 755, "ko": 0, "p99Ms": 10.1, "errorPct": 0.0, "held": true},
              {"ratePerSecond": 80.0, "achievedPerSecond": 61.0, "ok": 790, "ko": 12, "p99Ms": 220.0, "errorPct": 1.5, "held": false,
               "newPerStepField": [1, 2]}]}
            """;

    /** The run summary the same simulation writes beside it, with the delivery counters. */
    private static final String SUMMARY = """
            {"simulation": "CapacitySimulation", "injector": "0", "requests": {},
             "deliveries": {"expectedDeliveriesSent": 1200, "delivered": 1197, "duplicates": 0, "outOfOrder": 1,
                            "lost": 2, "unparsedForwards": 0}, "incompleteFanouts": 0}
            """;

    private static final String MERGED = """
            {"injectorLogs": 3, "spanSeconds": 12.0, "futureField": true,
             "requests": {
               "login": {"ok": 60, "ko": 0, "okPerSecond": 5.0, "p50Ms": 0.5, "p90Ms": 0.9, "p99Ms": 1.9, "p999Ms": 2.5, "maxMs": 2.5},
               "private_chat": {"ok": 900, "ko": 3, "okPerSecond": 75.0, "p50Ms": 0.4, "p90Ms": 0.9, "p99Ms": 2.125, "p999Ms": 4.0, "maxMs": 6.2}},
             "injectors": [
               {"name": "injector-0", "requests": {"login": {"ok": 20, "okPerSecond": 1.7}, "private_chat": {"ok": 150, "okPerSecond": 12.5}}},
               {"name": "injector-1", "requests": {"login": {"ok": 20, "okPerSecond": 1.7}, "private_chat": {"ok": 300, "okPerSecond": 25.0}}},
               {"name": "injector-2", "requests": {"login": {"ok": 20, "okPerSecond": 1.6}, "private_chat": {"ok": 450, "okPerSecond": 37.5}}}]}
            """;

    private Path work;
    private Path run;
    private Path verdict;

    @BeforeClass
    public void layOut() throws IOException, URISyntaxException {
        Path fixtures = Path.of(getClass().getResource("/gatling-3.15.0").toURI());
        work = ConformanceRuns.workDir().resolve("capacity-chart");
        run = Files.createDirectories(work.resolve("gatling").resolve(CAPACITY_RUN));
        Files.copy(fixtures.resolve(CAPACITY_RUN).resolve("index.html"), run.resolve("index.html"),
                StandardCopyOption.REPLACE_EXISTING);
        Path chatspec = Files.createDirectories(work.resolve("verdicts"));
        verdict = Files.writeString(chatspec.resolve("capacity-0.json"), VERDICT);
        Files.writeString(chatspec.resolve("CapacitySimulation-0.json"), SUMMARY);
        Files.writeString(chatspec.resolve("capacity-1.json"),
                Files.readString(fixtures.resolve("capacity-0.json")));
        Files.writeString(work.resolve("merged.json"), MERGED);
    }

    @Test
    public void theChartPlotsAchievedAndP99PerStepWithTheKneeAndTheDeliveryCounters() {
        Path out = work.resolve("report");
        assertEquals(ReportsCli.execute("capacity", "--gatling", run.toString(), "--capacity", verdict.toString(),
                "--capacity", verdict.resolveSibling("capacity-1.json").toString(), "--merged",
                work.resolve("merged.json").toString(), "--out", out.toString()), 0);
        Document page = parse(out.resolve("index.html"));
        assertTrue(page.select("script[src], link[href^=http]").isEmpty(), "nothing loaded from elsewhere");
        assertEquals(page.selectFirst("#capacity-chart-1").attr("data-knee"), "60");
        assertEquals(page.select("#capacity-steps-1 tr").size(), 5, "header and four steps");
        assertTrue(page.selectFirst("#capacity-steps-1").text().contains("61.0"), "achieved rate of the broken step");
        assertEquals(page.selectFirst("#deliveries-1 td[data-field=lost]").text(), "2");
        assertTrue(page.selectFirst("#deliveries-1 td[data-field=lost]").hasClass("ko"));
        assertEquals(page.selectFirst("#deliveries-1 td[data-field=outOfOrder]").text(), "1");
        assertTrue(page.selectFirst("#deliveries-1").text().contains("messages lost, duplicated or reordered"));
        // The older verdict format (no rates, no summary beside it) still gets a chart, with counts per step.
        assertTrue(page.selectFirst("#capacity-steps-2").text().contains("completed commands per step"));
        assertTrue(page.selectFirst("#deliveries-2").text().contains("No delivery counters"));
        assertEquals(page.selectFirst("#merged-link").attr("href"), "merged.html");

        try (Browser browser = new Browser()) {
            browser.open(out.resolve("index.html"));
            JavascriptExecutor js = browser.driver();
            waitForCanvas(browser, "#capacity-chart-1");
            String chart = "echarts.getInstanceByDom(document.getElementById('capacity-chart-1')).getOption()";
            assertEquals(((Number) js.executeScript("return " + chart + ".series[0].markLine.data[0].xAxis")).doubleValue(), 60.0);
            assertEquals(js.executeScript("return " + chart + ".series.length"), 2L);
            assertEquals(js.executeScript("return " + chart + ".series[0].data.length"), 4L);
            assertEquals(((Number) js.executeScript("return " + chart + ".series[1].data[3].value[1]")).doubleValue(), 220.0);
            waitForCanvas(browser, "#capacity-chart-2");
            browser.screenshot(ConformanceRuns.workDir().getParent().resolve("screenshots/capacity-chart.png"), 3000);
        }
    }

    @Test
    public void aMergedRunGetsItsOwnPageWithMergedPercentilesAndPerInjectorRates() {
        Path out = work.resolve("merged-report");
        assertEquals(ReportsCli.execute("capacity", "--merged", work.resolve("merged.json").toString(),
                "--out", out.toString()), 0);
        Document page = parse(out.resolve("index.html"));
        assertTrue(page.selectFirst("#merged tr[data-request=private_chat]").text().contains("2.125"));
        assertEquals(page.select("#injectors tr[data-injector]").size(), 3);
        assertTrue(page.selectFirst("#injectors tr[data-injector=injector-2]").text().contains("37.5"));

        try (Browser browser = new Browser()) {
            browser.open(out.resolve("index.html"));
            JavascriptExecutor js = browser.driver();
            waitForCanvas(browser, "#injector-chart");
            String chart = "echarts.getInstanceByDom(document.getElementById('injector-chart')).getOption()";
            assertEquals(js.executeScript("return " + chart + ".series.length"), 3L);
            assertEquals(js.executeScript("return " + chart + ".xAxis[0].data"), List.of("login", "private_chat"));
            browser.screenshot(ConformanceRuns.workDir().getParent().resolve("screenshots/merged-run.png"), 2000);
        }
    }

    @Test
    public void withNeitherRunsNorAMergedFileItIsAUsageError() {
        assertEquals(ReportsCli.execute("capacity", "--out", work.resolve("nothing").toString()), 2);
    }

    private static void waitForCanvas(Browser browser, String css) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !browser.all(css + " canvas").isEmpty());
    }

    private static Document parse(Path file) {
        try {
            return Jsoup.parse(file.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
