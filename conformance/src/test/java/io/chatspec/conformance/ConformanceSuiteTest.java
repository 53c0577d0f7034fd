package io.chatspec.conformance;

import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.report.ConsoleReporter;
import io.chatspec.conformance.report.Outputs;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.conformance.runner.Selection;
import io.chatspec.conformance.runner.SuiteRunner;
import io.chatspec.conformance.target.EmbeddedTarget;
import io.chatspec.conformance.target.ExternalTarget;
import io.chatspec.conformance.target.Target;
import io.chatspec.protocol.options.Durations;
import io.chatspec.protocol.options.HostPort;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * The conformance suite as TestNG tests, one per case: {@code mvn test -Dchatspec.target=host:port} tests that
 * server (add {@code -Dchatspec.claims=ERR,SESS,EDGE} if it claims extensions); without a target it tests the
 * embedded reference server, which must then PASS (or INFO) everything: that is the zero-false-positive check.
 */
public class ConformanceSuiteTest {
    private static final String LOAD_AT_START = loadAverage();
    private RunResult run;

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @BeforeClass
    public void runSuite() throws Exception {
        String external = EmbeddedServerHolder.externalTarget();
        Target target;
        RunSettings.Builder settings = RunSettings.builder();
        Path outputDir = Path.of(System.getProperty("chatspec.outputDir", "target/chatspec-results"));
        if (external != null) {
            target = new ExternalTarget(HostPort.parse(external).address());
            String claims = System.getProperty("chatspec.claims", "");
            settings.claims(claims.isBlank() ? null : Extension.parseList(claims));
            String tt = System.getProperty("chatspec.transferTimeout", "");
            if (!tt.isBlank()) {
                settings.transferTimeout(Durations.parse(tt));
            }
        } else {
            EmbeddedTarget e = EmbeddedServerHolder.get();
            target = e;
            settings.transferTimeout(EmbeddedServerHolder.TRANSFER_TIMEOUT).relayPortCount(e.relayPortCount())
                    .limits(e.limits());
        }
        String include = System.getProperty("chatspec.include", "");
        Selection selection = Selection.including(include.isBlank() ? List.of() : Arrays.asList(include.split(",")));
        run = new SuiteRunner(target, settings.build(), new ConsoleReporter(System.out))
                .run(selection.from(CaseCatalog.all()), selection);
        Outputs.writeAll(run, outputDir);
        recordWallTime(outputDir);
    }

    /**
     * The suite's wall time is a figure, not an assertion (a busy 2-core machine would make it flaky): written with
     * the load average beside results.json, and quoted in BENCHMARKS.md from a quiet machine.
     */
    private void recordWallTime(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        String load = loadAverage();
        Files.writeString(outputDir.resolve("wall-time.txt"), run.cases().size() + " cases in " + run.durationMs()
                + " ms; load average before/after " + LOAD_AT_START + " / " + load + "\n");
    }

    @DataProvider
    public Object[][] cases() {
        return run.cases().stream().map(c -> new Object[]{c.id(), c}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "cases")
    public void conforms(String id, CaseResult c) {
        assertFalse(c.verdict().isProblem(), id + ": " + c.verdict().label() + " - " + c.reason()
                + "\nexpected: " + c.expected() + "\nobserved: " + c.observed());
        if (EmbeddedServerHolder.externalTarget() == null) {
            // the reference server is the spec's own implementation: nothing may be merely tolerated or skipped
            assertTrue(Set.of(Verdict.PASS, Verdict.INFO).contains(c.verdict()), id + ": " + c.verdict().label()
                    + " - " + c.reason());
        }
    }
}
