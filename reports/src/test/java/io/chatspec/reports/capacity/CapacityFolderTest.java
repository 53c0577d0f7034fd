package io.chatspec.reports.capacity;

import io.chatspec.reports.ReportsCli;
import io.chatspec.reports.support.Browser;
import io.chatspec.reports.support.ConformanceRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * The capacity report over real Gatling 3.15.0 output (see src/test/resources/gatling-3.15.0/README.md), laid out
 * as the load module leaves it: target/gatling/&lt;run&gt;/ and target/chatspec/capacity-0.json.
 */
public class CapacityFolderTest {
    private static final String CAPACITY_RUN = "capacitysimulation-20261125204213625";
    private static final String MIXED_RUN = "mixedworkloadsimulation-20261125204256714";
    private static final Instant CAPACITY_RUN_START = Instant.parse("2026-11-25T20:42:14Z");

    private Path loadTarget;

    @BeforeClass
    public void layOutLikeTheLoadModule() throws IOException, URISyntaxException {
        Path fixtures = Path.of(getClass().getResource("/gatling-3.15.0").toURI());
        loadTarget = ConformanceRuns.workDir().resolve("load-target");
        for (String run : new String[]{CAPACITY_RUN, MIXED_RUN}) {
            Path dir = Files.createDirectories(loadTarget.resolve("gatling").resolve(run));
            Files.copy(fixtures.resolve(run).resolve("index.html"), dir.resolve("index.html"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path verdict = Files.createDirectories(loadTarget.resolve("chatspec")).resolve("capacity-0.json");
        Files.copy(fixtures.resolve("capacity-0.json"), verdict, StandardCopyOption.REPLACE_EXISTING);
        // CapacitySimulation writes it in after(), i.e. inside its run: give the copy that timestamp back.
        Files.setLastModifiedTime(verdict, FileTime.from(CAPACITY_RUN_START.plusSeconds(11)));
    }

    @Test
    public void readsTheStatisticsTableOfAGatlingReport() {
        GatlingRun run = GatlingRun.read(loadTarget.resolve("gatling").resolve(CAPACITY_RUN));
        assertEquals(run.simulation(), "CapacitySimulation");
        assertEquals(run.gatlingVersion(), "3.15.0");
        assertEquals(run.startedAt(), CAPACITY_RUN_START);
        assertEquals(run.duration().toSeconds(), 11);
        assertEquals(run.global().total(), 2816);
        assertEquals(run.global().ko(), 0);
        assertEquals(run.global().perSecond(), 234.67, 1e-9);
        assertEquals(run.global().percentile(50), 1.0);
        assertEquals(run.global().percentile(95), 7.0);
        assertEquals(run.global().percentile(99), 57.0);
        GatlingRun.Stats connect = run.requests().stream().filter(s -> s.name().equals("connect")).findFirst()
                .orElseThrow();
        assertEquals(connect.total(), 284);
        assertEquals(connect.perSecond(), 23.67, 1e-9);
        assertEquals(connect.percentile(99), 78.0);
        assertEquals(run.requests().size(), 6);
        assertFalse(run.assertions().isEmpty());
    }

    @Test
    public void aCapacityResultBelongsOnlyToTheRunThatWroteIt() {
        GatlingRun capacity = GatlingRun.read(loadTarget.resolve("gatling").resolve(CAPACITY_RUN));
        GatlingRun mixed = GatlingRun.read(loadTarget.resolve("gatling").resolve(MIXED_RUN));
        assertEquals(CapacityResult.discover(capacity).orElseThrow().result().capacityPerSecond(), 60.0);
        assertTrue(CapacityResult.discover(mixed).isEmpty(), "the mixed run started after the result was written");
    }

    @Test
    public void cliPutsRunsSideBySideAndCopiesTheGatlingReports() throws IOException {
        Path out = ConformanceRuns.workDir().resolve("capacity-report");
        int exit = ReportsCli.execute("capacity", "--gatling", loadTarget.resolve("gatling").resolve(CAPACITY_RUN).toString(),
                "--gatling", loadTarget.resolve("gatling").resolve(MIXED_RUN).toString(), "--out", out.toString());
        assertEquals(exit, 0);

        Document page = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
        assertEquals(page.select("#runs tr[data-run]").size(), 2);
        assertEquals(page.selectFirst("#runs tr[data-run=1] td[data-field=capacity]").text(), "60/s");
        assertEquals(page.selectFirst("#runs tr[data-run=2] td[data-field=capacity]").text(), "–");
        assertTrue(page.selectFirst("#per-request tr[data-request=connect]").text().contains("23.67"));
        assertTrue(page.select("#per-request tr[data-request=send_file]").text().contains("not in this run"),
                "a request only the mixed run has is marked absent for the capacity run");
        for (var link : page.select("#runs a")) {
            assertTrue(Files.isRegularFile(out.resolve(link.attr("href"))), "link to copied Gatling report " + link);
        }

        try (Browser browser = new Browser()) {
            browser.open(out.resolve("index.html"));
            assertEquals(browser.all("#runs tr[data-run]").size(), 2, "rendered runs");
            assertEquals(browser.one(".capacity-rate").getText(), "60 sessions/s");
            browser.screenshot(ConformanceRuns.workDir().getParent().resolve("screenshots/capacity.png"), 3000);
        }
    }

    @Test
    public void aFolderWithoutAGatlingReportIsAUsageError() {
        assertEquals(ReportsCli.execute("capacity", "--gatling", loadTarget.toString(), "--out",
                ConformanceRuns.workDir().resolve("capacity-bad").toString()), 2);
    }
}
