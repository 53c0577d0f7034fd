package io.chatspec.reports.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatspec.reports.ReportsCli;
import io.chatspec.reports.support.Browser;
import io.chatspec.reports.support.ConformanceRuns;
import io.chatspec.reports.support.FaultyServer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * The QA report as a reader meets it: built by the CLI from two real conformance runs (reference server, and a
 * faulty server that breaks LOGIN-4 and GCHAT-1), opened from disk in headless Chromium, checked on the rendered DOM.
 */
public class ConformanceReportBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = ConformanceRuns.workDir().getParent().resolve("screenshots");

    private final List<JsonNode> results = new ArrayList<>();
    private Path report;
    private Browser browser;

    @BeforeClass
    public void buildReportAndOpenIt() throws IOException {
        Path reference = ConformanceRuns.reference();
        Path faulty = ConformanceRuns.faulty();
        results.add(JSON.readTree(reference.resolve("results.json").toFile()));
        results.add(JSON.readTree(faulty.resolve("results.json").toFile()));
        report = ConformanceRuns.workDir().resolve("qa-report");

        int exit = ReportsCli.execute("conformance", "--results", reference.toString(), "--label", "reference server",
                "--results", faulty.toString(), "--label", "faulty server", "--out", report.toString());
        assertEquals(exit, 0, "reports CLI exit code");

        browser = new Browser();
        browser.open(report.resolve("index.html"));
        browser.screenshot(SCREENSHOTS.resolve("conformance-matrix.png"), 6000);
    }

    @AfterClass(alwaysRun = true)
    public void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    public void theFaultyTargetReallyFailsTheRulesItBreaks() {
        assertEquals(failingRules(results.get(0)), Set.of(), "reference server must not fail any rule");
        assertTrue(failingRules(results.get(1)).containsAll(FaultyServer.BROKEN_RULES),
                "faulty server should fail " + FaultyServer.BROKEN_RULES + ", failed " + failingRules(results.get(1)));
    }

    @Test
    public void caseTotalsOnThePageAreTheRunsOwnSummaries() {
        browser.open(report.resolve("index.html"));
        for (int t = 1; t <= results.size(); t++) {
            JsonNode summary = results.get(t - 1).get("summary");
            for (String verdict : Verdicts.CASE_VERDICTS) {
                assertEquals(count("#case-totals", t, verdict), summary.get(verdict).asInt(), "target " + t + " " + verdict);
            }
            assertEquals(count("#case-totals", t, "total"), summary.get("total").asInt(), "target " + t + " total");
        }
    }

    @Test
    public void ruleTotalsAndEveryMatrixCellMatchTheRuleVerdicts() {
        browser.open(report.resolve("index.html"));
        for (int t = 1; t <= results.size(); t++) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            Map<String, String> cells = new LinkedHashMap<>();
            for (JsonNode rule : results.get(t - 1).get("rules")) {
                expected.merge(rule.get("verdict").asText(), 1, Integer::sum);
                cells.put(rule.get("id").asText(), rule.get("verdict").asText());
            }
            for (String verdict : Verdicts.RULE_VERDICTS) {
                assertEquals(count("#rule-totals", t, verdict), (int) expected.getOrDefault(verdict, 0),
                        "target " + t + " rules " + verdict);
            }
            // One script call instead of ~260 WebDriver round trips; innerText is what the reader sees.
            @SuppressWarnings("unchecked")
            Map<String, String> rendered = new LinkedHashMap<>((Map<String, String>) ((JavascriptExecutor) browser.driver())
                    .executeScript("const m = {}; document.querySelectorAll(\"#matrix td.cell[data-target='" + t
                            + "']\").forEach(td => m[td.dataset.rule] = td.querySelector('.verdict').innerText.trim());"
                            + " return m;"));
            assertEquals(rendered, cells, "matrix column of target " + t);
        }
    }

    @Test
    public void everyFailRowLinksToACasePageWithItsDiagram() {
        browser.open(report.resolve("index.html"));
        Map<String, String> failLinks = new LinkedHashMap<>();
        for (WebElement row : browser.all("#matrix tr.rule-row.has-fail")) {
            List<WebElement> fails = row.findElements(org.openqa.selenium.By.cssSelector("td.cell[data-verdict='FAIL'] a"));
            assertFalse(fails.isEmpty(), "FAIL row " + row.getAttribute("data-rule") + " has no link");
            fails.forEach(a -> failLinks.put(row.getAttribute("data-rule") + "@" + a.findElement(
                    org.openqa.selenium.By.xpath("..")).getAttribute("data-target"), a.getAttribute("href")));
        }
        Set<String> expectedRows = new LinkedHashSet<>();
        for (int t = 1; t <= results.size(); t++) {
            for (String rule : failingRules(results.get(t - 1))) {
                expectedRows.add(rule + "@" + t);
            }
        }
        assertEquals(failLinks.keySet(), expectedRows, "FAIL cells on the page vs FAIL rules in results.json");

        boolean first = true;
        for (Map.Entry<String, String> link : failLinks.entrySet()) {
            String rule = link.getKey().split("@")[0];
            browser.driver().get(link.getValue());
            assertEquals(browser.one("#case-verdict").getText(), "FAIL", link.getValue());
            WebElement svg = browser.one("#diagram svg");
            assertTrue(svg.isDisplayed() && svg.getSize().getHeight() > 100, "diagram rendered for " + link);
            String diagramText = svg.getAttribute("textContent");
            assertTrue(diagramText.contains("FAIL " + rule), "diagram of " + link + " highlights the failing " + rule);
            assertTrue(diagramText.contains("server"), "server lifeline in " + link);
            assertFalse(browser.all("#transcript tr").isEmpty(), "raw transcript on " + link);
            if (first) {
                browser.screenshot(SCREENSHOTS.resolve("conformance-fail-case.png"), 4000);
                first = false;
            }
        }
    }

    @Test
    public void pagesLoadNothingFromTheNetwork() throws IOException {
        browser.open(report.resolve("index.html"));
        assertOnlyLocalResources("matrix");
        browser.open(report.resolve("cases/target-2").resolve(firstFile(report.resolve("cases/target-2"))));
        assertOnlyLocalResources("case page");
        for (int t = 1; t <= results.size(); t++) {
            String allure = Files.readString(report.resolve("allure/target-" + t + "/index.html"));
            assertFalse(allure.contains("googletagmanager"), "Allure analytics tag must be disabled");
            assertFalse(allure.matches("(?s).*(src|href)=\"https?://.*"), "Allure report links something online");
        }
    }

    private void assertOnlyLocalResources(String what) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".concat([...document.querySelectorAll('[src],link[href]')].map(e => e.src || e.href))");
        assertFalse(urls.isEmpty(), what + " loads its stylesheet");
        urls.forEach(u -> assertTrue(u.startsWith("file:") || u.startsWith("data:"), what + " loads " + u));
    }

    private int count(String table, int target, String verdict) {
        return Integer.parseInt(browser.one(table + " td[data-target='" + target + "'][data-verdict='" + verdict + "']")
                .getText().strip());
    }

    private static Set<String> failingRules(JsonNode run) {
        Set<String> rules = new LinkedHashSet<>();
        run.get("rules").forEach(r -> {
            if ("FAIL".equals(r.get("verdict").asText())) {
                rules.add(r.get("id").asText());
            }
        });
        return rules;
    }

    private static String firstFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }
}
