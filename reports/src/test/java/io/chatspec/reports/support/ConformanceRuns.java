package io.chatspec.reports.support;

import io.chatspec.conformance.cli.ConformanceCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real conformance runs, produced once per test JVM with the conformance CLI itself: the whole suite against the
 * embedded reference server, and a subset (login, group chat and a smoke set) against {@link FaultyServer}.
 */
public final class ConformanceRuns {
    /** Categories that exercise both faults, plus registration so the matrix also shows PASS for this target. */
    public static final String FAULTY_INCLUDE = "login,group-chat,register";

    private static Path reference;
    private static Path faulty;

    private ConformanceRuns() {
    }

    public static synchronized Path reference() {
        if (reference == null) {
            reference = run("reference", 0);
        }
        return reference;
    }

    public static synchronized Path faulty() {
        if (faulty == null) {
            try (FaultyServer server = new FaultyServer()) {
                faulty = run("faulty", 1, "--target", server.target(), "--claims", "all",
                        "--include", FAULTY_INCLUDE, "--transfer-timeout", "2s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return faulty;
    }

    public static Path workDir() {
        return Path.of(System.getProperty("chatspec.reports.workDir", "target/it"));
    }

    private static Path run(String name, int expectedExit, String... targetArgs) {
        Path out = workDir().resolve("runs").resolve(name);
        String[] args = new String[targetArgs.length + 2];
        System.arraycopy(targetArgs, 0, args, 0, targetArgs.length);
        args[targetArgs.length] = "-o";
        args[targetArgs.length + 1] = out.toString();
        // The CLI prints its console to System.out, which surefire keeps in the test's output file.
        int exit = ConformanceCli.execute(args);
        if (exit != expectedExit || !Files.isRegularFile(out.resolve("results.json"))) {
            throw new IllegalStateException("conformance run '" + name + "' exited " + exit + " (expected "
                    + expectedExit + "); its console is in the test output");
        }
        return out;
    }
}
