package io.chatspec.reports.jar;

import io.chatspec.conformance.cli.ConformanceCli;
import io.chatspec.reports.support.ConformanceRuns;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * {@code java -jar chatspec-reports.jar} copied to a folder of its own, away from the build and from any Maven
 * repository (the child gets an empty user.home), still produces the Allure report: it unpacks the Allure
 * distribution it carries into the user's cache. And {@code --allure-home} accepts the folder the build unpacks
 * Allure into, which is the one the "not found" message names.
 */
public class ReportsJarIT {
    private Path results;
    private Path dir;
    private Path jar;

    @BeforeClass
    public void copyTheJarAway() throws IOException {
        Path built = Path.of(System.getProperty("chatspec.reports.jar", "target/chatspec-reports.jar"));
        assertTrue(Files.isRegularFile(built), "run after package: " + built);
        results = ConformanceRuns.workDir().resolve("runs").resolve("jar-it");
        assertEquals(ConformanceCli.execute("--include", "register", "-o", results.toString()), 0);
        dir = Files.createTempDirectory("chatspec-reports-jar-");
        jar = Files.copy(built, dir.resolve("chatspec-reports.jar"));
        Files.createDirectories(dir.resolve("home"));
    }

    /** The copy, its cache and reports are some 100 MB: not left behind in /tmp. */
    @AfterClass(alwaysRun = true)
    public void removeTheCopy() throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    public void aCopiedJarUnpacksTheAllureItCarries() throws Exception {
        Run run = java("conformance", "--results", results.toString(), "--out", "report");
        assertEquals(run.exit, 0, run.output);
        Path report = dir.resolve("report");
        assertTrue(Files.isRegularFile(report.resolve("index.html")), run.output);
        assertTrue(allureIndexUnder(report), "Allure's single-file report was generated\n" + run.output);
        Path cache = dir.resolve("home/.cache/chatspec-reports");
        try (Stream<Path> homes = Files.list(cache)) {
            assertTrue(homes.anyMatch(h -> Files.isDirectory(h.resolve("lib"))), "unpacked into " + cache);
        }
    }

    @Test
    public void allureHomeAcceptsTheFolderTheBuildUnpacksInto() throws Exception {
        Path builtAllure = Path.of(System.getProperty("chatspec.reports.builtAllure", "target/allure-commandline"));
        assertTrue(Files.isDirectory(builtAllure.resolve("allure-" + allureVersion()).resolve("lib")),
                "the build unpacked Allure one level down, so this folder itself has no lib/: " + builtAllure);
        assertTrue(!Files.exists(builtAllure.resolve("lib")));
        Run run = java("conformance", "--results", results.toString(), "--out", "report-home",
                "--allure-home", builtAllure.toAbsolutePath().toString());
        assertEquals(run.exit, 0, run.output);
        assertTrue(allureIndexUnder(dir.resolve("report-home")), run.output);
    }

    @Test
    public void aFolderWithoutAllureIsAUsageErrorThatSaysWhatWasExpected() throws Exception {
        Run run = java("conformance", "--results", results.toString(), "--out", "report-bad",
                "--allure-home", dir.resolve("home").toString());
        assertEquals(run.exit, 2, run.output);
        assertTrue(run.output.contains("allure-*/lib/"), run.output);
    }

    private static String allureVersion() {
        return "2.34.0";
    }

    private static boolean allureIndexUnder(Path report) throws IOException {
        Path allure = report.resolve("allure");
        if (!Files.isDirectory(allure)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(allure)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("index.html"));
        }
    }

    private record Run(int exit, String output) {
    }

    private Run java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        // Nothing from this machine's set-up may help the jar find Allure.
        pb.environment().remove("ALLURE_HOME");
        pb.environment().remove("XDG_CACHE_HOME");
        Path log = Files.createTempFile(dir, "run-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar did not finish in 3 min:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
