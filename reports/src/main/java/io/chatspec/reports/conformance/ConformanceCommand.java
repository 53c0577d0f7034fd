package io.chatspec.reports.conformance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Turns one or more conformance runs into a static HTML report: the conformance matrix "
                + "(index.html), one page per case with its sequence diagram, and the Allure report of each run.")
public final class ConformanceCommand implements Callable<Integer> {
    @Option(names = "--results", required = true, paramLabel = "DIR",
            description = "Output folder of chatspec-conformance (-o), or its results.json. Repeat to compare "
                    + "targets side by side; columns keep this order.")
    List<Path> results = new ArrayList<>();

    @Option(names = "--label", paramLabel = "NAME",
            description = "Column name for the --results at the same position (default: the run's target description).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--out", defaultValue = "target/qa-report", paramLabel = "DIR",
            description = "Report folder (default ${DEFAULT-VALUE}); open DIR/index.html.")
    Path out;

    @Option(names = "--allure-home", paramLabel = "DIR",
            description = "Unpacked allure-commandline (default: the one the reports build unpacked next to this jar).")
    Path allureHome;

    @Option(names = "--no-allure", description = "Skip the Allure reports (only the matrix and case pages).")
    boolean noAllure;

    @Override
    public Integer call() {
        List<TargetRun> targets = ConformanceReport.load(results, labels, !noAllure);
        AllureGenerator allure = noAllure ? null : AllureGenerator.locate(allureHome);
        long start = System.nanoTime();
        ConformanceReport.Summary summary = new ConformanceReport(allure).write(targets, out);
        System.out.printf("conformance report: %d target(s), %d case pages in %.1f s%n", targets.size(),
                summary.casePages(), (System.nanoTime() - start) / 1e9);
        System.out.println("open " + summary.index().toAbsolutePath().normalize());
        return 0;
    }
}
