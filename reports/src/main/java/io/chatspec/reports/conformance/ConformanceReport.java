package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.html.Html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the whole conformance report folder:
 * {@code index.html} (matrix), {@code cases/target-N/<case>.html}, {@code allure/target-N/index.html},
 * {@code data/target-N/results.json} and {@code assets/}.
 */
public final class ConformanceReport {
    private final AllureGenerator allure;

    public ConformanceReport(AllureGenerator allure) {
        this.allure = allure;
    }

    public record Summary(Path index, int casePages, List<TargetRun> targets) {
    }

    public Summary write(List<TargetRun> targets, Path out) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no conformance runs given");
        }
        prepare(out);
        // Allure runs in child JVMs while this one draws the diagrams.
        List<Process> generators = new ArrayList<>();
        for (TargetRun t : targets) {
            generators.add(!t.withAllure() ? null : allure.start(List.of(allureResults(t)), allureDir(out, t), allureLog(out, t)));
        }

        int pages = 0;
        for (TargetRun t : targets) {
            copy(ConformanceRun.resultsFile(t.source()), out.resolve(t.resultsCopy()));
            for (CaseResult c : t.run().cases()) {
                Problems problems = Problems.of(c);
                String svg = SvgRenderer.render(SequenceDiagram.source(c, problems));
                Html.write(out.resolve(t.casePage(c.id())), CasePage.html(t, c, svg, problems));
                pages++;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            if (generators.get(i) != null) {
                TargetRun t = targets.get(i);
                AllureGenerator.await(generators.get(i), allureDir(out, t), allureLog(out, t));
            }
        }
        Path index = out.resolve("index.html");
        Html.write(index, MatrixPage.html(targets, Instant.now()));
        return new Summary(index, pages, targets);
    }

    /** The allure-results folder written next to results.json by the conformance CLI. */
    static Path allureResults(TargetRun t) {
        Path dir = Files.isDirectory(t.source()) ? t.source() : t.source().toAbsolutePath().getParent();
        Path results = dir.resolve("allure-results");
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException("no allure-results folder next to " + ConformanceRun.resultsFile(t.source())
                    + " (pass --no-allure to build the report without it)");
        }
        return results;
    }

    private static Path allureDir(Path out, TargetRun t) {
        return out.resolve(t.allureIndex()).getParent();
    }

    private static Path allureLog(Path out, TargetRun t) {
        return out.resolve("data").resolve(t.slug()).resolve("allure-generate.log");
    }

    private static void prepare(Path out) {
        try {
            Files.createDirectories(out);
            for (String generated : List.of("cases", "allure", "data")) {
                deleteTree(out.resolve(generated));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Html.writeStylesheet(out);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Labels default to the target description the run recorded. */
    public static List<TargetRun> load(List<Path> sources, List<String> labels, boolean withAllure) {
        List<TargetRun> targets = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ConformanceRun run = ConformanceRun.read(sources.get(i));
            String label = i < labels.size() ? labels.get(i)
                    : run.target() != null && run.target().description() != null ? run.target().description()
                    : "target " + (i + 1);
            targets.add(new TargetRun(i + 1, label, sources.get(i), run, withAllure));
        }
        return targets;
    }
}
