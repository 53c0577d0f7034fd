package io.chatspec.conformance.report;

import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.judge.Judge;
import io.chatspec.conformance.judge.RuleVerdict;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.client.Transcript;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Allure results (allure-results/): one test per case with the whole multi-client transcript attached and, on
 * failure, expected vs observed. Written with the Allure lifecycle API so the CLI needs no test framework.
 */
public final class AllureReport {
    private AllureReport() {
    }

    public static Path write(RunResult run, Path dir) {
        Path results = dir.resolve("allure-results");
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        for (CaseResult c : run.cases()) {
            String uuid = UUID.randomUUID().toString();
            List<Label> labels = new ArrayList<>();
            labels.add(new Label().setName("suite").setValue("chatspec conformance"));
            labels.add(new Label().setName("parentSuite").setValue(run.target()));
            labels.add(new Label().setName("subSuite").setValue(c.category()));
            labels.add(new Label().setName("feature").setValue(c.category()));
            labels.add(new Label().setName("tag").setValue(c.verdict().label()));
            c.rules().forEach(r -> labels.add(new Label().setName("story").setValue(r)));
            List<Link> links = c.rules().stream().map(r -> new Link().setName(r).setType("requirement")
                    .setUrl("PROTOCOL.md#" + r)).collect(Collectors.toList());
            long start = c.startedAt().toEpochMilli();
            TestResult tr = new TestResult().setUuid(uuid).setHistoryId(c.id()).setTestCaseId(c.id())
                    .setName(c.id() + ": " + c.title()).setFullName("chatspec." + c.id())
                    .setDescription("Rules: " + String.join(", ", c.rules()) + "\nVerdict: " + c.verdict().label())
                    .setLabels(labels).setLinks(links)
                    .setParameters(List.of(new Parameter().setName("verdict").setValue(c.verdict().label())))
                    .setStart(start).setStop(start + c.durationMs())
                    .setStatus(status(c))
                    .setStatusDetails(new StatusDetails().setMessage(c.reason())
                            .setTrace(c.expected() == null ? null : "expected: " + c.expected() + "\nobserved: " + c.observed()));
            lifecycle.scheduleTestCase(tr);
            lifecycle.startTestCase(uuid);
            lifecycle.addAttachment("transcript", "text/plain", "txt",
                    Transcript.render(c.transcript()).getBytes(StandardCharsets.UTF_8));
            if (c.expected() != null || c.observed() != null) {
                lifecycle.addAttachment("expected vs observed", "text/plain", "txt",
                        ("expected:\n" + c.expected() + "\n\nobserved:\n" + c.observed()).getBytes(StandardCharsets.UTF_8));
            }
            if (!c.findings().isEmpty()) {
                lifecycle.addAttachment("findings", "text/plain", "txt", c.findings().stream()
                        .map(AllureReport::line).collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));
            }
            lifecycle.stopTestCase(uuid);
            // start/stop above stamp "now"; the case's real times are what a report should show
            lifecycle.updateTestCase(uuid, t -> t.setStart(start).setStop(start + c.durationMs()));
            lifecycle.writeTestCase(uuid);
        }
        writeEnvironment(run, results);
        return results;
    }

    /**
     * Allure's Environment widget (environment.properties): the target and the run's verdict per rule, as every
     * output combines them, since Allure itself only knows one test per case.
     */
    private static void writeEnvironment(RunResult run, Path results) {
        List<RuleVerdict> rules = Judge.perRule(RuleCatalog.bundled(), run.cases());
        Properties env = new Properties();
        env.setProperty("target", run.target());
        env.setProperty("specVersion", run.specVersion());
        env.setProperty("rules", Judge.summary(rules));
        for (Verdict v : List.of(Verdict.FAIL, Verdict.ERROR)) {
            env.setProperty("rules." + v.label(), String.join(" ", Judge.withVerdict(rules, v)));
        }
        try (Writer w = Files.newBufferedWriter(results.resolve("environment.properties"), StandardCharsets.UTF_8)) {
            env.store(w, "chatspec conformance run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(Finding f) {
        return f.verdict().label() + " " + (f.rule() == null ? "-" : f.rule()) + ": " + f.message()
                + (f.expected() != null ? " | expected " + f.expected() : "")
                + (f.observed() != null ? " | observed " + f.observed() : "");
    }

    private static Status status(CaseResult c) {
        return switch (c.verdict()) {
            case PASS, INFO, NON_STRICT -> Status.PASSED;
            case FAIL -> Status.FAILED;
            case ERROR -> Status.BROKEN;
            case SKIPPED -> Status.SKIPPED;
        };
    }
}
