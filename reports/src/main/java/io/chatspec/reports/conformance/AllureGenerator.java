package io.chatspec.reports.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Allure's own report generator (allure-commandline) as a child JVM. It is not shaded into our jar: its
 * dependency set (Jackson, Jetty, Freemarker...) would clash with ours. The jar carries its distribution zip
 * instead, so a copied jar can unpack it for itself (see {@link AllureInstall}).
 */
public final class AllureGenerator {
    public static final String HOME_PROPERTY = "chatspec.allure.home";
    private static final long TIMEOUT_MINUTES = 5;

    private final Path home;

    public AllureGenerator(Path home) {
        this.home = distribution(home);
    }

    /**
     * The distribution in {@code dir}: the folder itself when it has {@code lib/}, or its {@code allure-*}
     * subfolder, so the folder the build unpacks into (target/allure-commandline, the one our messages name) works
     * as well as the distribution inside it.
     */
    static Path distribution(Path dir) {
        if (Files.isDirectory(dir.resolve("lib"))) {
            return dir;
        }
        return inside(dir).orElseThrow(() -> new IllegalArgumentException(
                "not an allure-commandline folder (no lib/, and no allure-*/lib/ inside): " + dir));
    }

    private static Optional<Path> inside(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(dir)) {
            return homes.filter(p -> p.getFileName().toString().startsWith("allure-"))
                    .filter(p -> Files.isDirectory(p.resolve("lib"))).sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code --allure-home}, then -Dchatspec.allure.home, then $ALLURE_HOME, then {@code allure-commandline/} next
     * to our jar (target/) or next to target/classes; a jar copied elsewhere unpacks the distribution from the
     * local Maven repository or, failing that, from inside itself into the user's cache.
     */
    public static AllureGenerator locate(Path explicit) {
        if (explicit != null) {
            return new AllureGenerator(explicit);
        }
        String prop = System.getProperty(HOME_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new AllureGenerator(Path.of(prop));
        }
        String env = System.getenv("ALLURE_HOME");
        if (env != null && !env.isBlank()) {
            return new AllureGenerator(Path.of(env));
        }
        Optional<Path> built = besideCode();
        if (built.isPresent()) {
            return new AllureGenerator(built.get());
        }
        String version = AllureInstall.version();
        Optional<Path> repoZip = AllureInstall.fromLocalMavenRepository(version);
        if (repoZip.isPresent()) {
            return new AllureGenerator(AllureInstall.unpacked(version, () -> Files.newInputStream(repoZip.get())));
        }
        if (AllureGenerator.class.getResource(AllureInstall.BUNDLED_ZIP) != null) {
            return new AllureGenerator(AllureInstall.unpacked(version,
                    () -> AllureGenerator.class.getResourceAsStream(AllureInstall.BUNDLED_ZIP)));
        }
        throw new IllegalStateException("allure-commandline not found. Build the reports module (mvn -pl reports "
                + "package unpacks it into reports/target/allure-commandline/) or pass --allure-home DIR.");
    }

    private static Optional<Path> besideCode() {
        try {
            Path code = Path.of(AllureGenerator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return inside(code.getParent().resolve("allure-commandline"));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Starts generation of a single-file report (the multi-file one needs a web server to load its data). */
    public Process start(List<Path> resultDirs, Path outDir, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("lib").resolve("config"));
        cmd.add("io.qameta.allure.CommandLine");
        cmd.addAll(List.of("generate", "--clean", "--single-file", "-o", outDir.toString()));
        resultDirs.forEach(d -> cmd.add(d.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // APP_HOME is how bin/allure tells the generator where its plugins and config are.
        pb.environment().put("APP_HOME", home.toString());
        // Allure 2 otherwise embeds a Google Analytics tag in the page and phones home while generating.
        pb.environment().put("ALLURE_NO_ANALYTICS", "true");
        try {
            Files.createDirectories(log.getParent());
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start allure-commandline from " + home, e);
        }
    }

    public static void await(Process p, Path outDir, Path log) {
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("allure generate did not finish in " + TIMEOUT_MINUTES + " min; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for allure generate", e);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(outDir.resolve("index.html"))) {
            throw new IllegalStateException("allure generate failed (exit " + p.exitValue() + "); log: " + log);
        }
    }
}
