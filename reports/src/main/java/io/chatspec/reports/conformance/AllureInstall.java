package io.chatspec.reports.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds an allure-commandline distribution for a reports jar that was copied away from the build: in the local
 * Maven repository, or the copy carried inside the jar, unpacked once into a per-user cache
 * ({@code ~/.cache/chatspec-reports/allure-VERSION}, or {@code -Dchatspec.reports.cache}).
 */
final class AllureInstall {
    static final String CACHE_PROPERTY = "chatspec.reports.cache";
    static final String BUNDLED_ZIP = "/io/chatspec/reports/allure/allure-commandline.zip";
    private static final String VERSION_RESOURCE = "/io/chatspec/reports/allure/version.properties";
    /** Written last: a folder without it is a half-finished unpack (killed process) and is not used. */
    private static final String COMPLETE = ".chatspec-unpacked";

    private AllureInstall() {
    }

    static String version() {
        try (InputStream in = AllureInstall.class.getResourceAsStream(VERSION_RESOURCE)) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("allure.version", "2.34.0");
        } catch (IOException e) {
            return "2.34.0";
        }
    }

    static Path cacheDir() {
        String explicit = System.getProperty(CACHE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("chatspec-reports");
    }

    /** The distribution zip in the local Maven repository (-Dmaven.repo.local or ~/.m2/repository), if there. */
    static Optional<Path> fromLocalMavenRepository(String version) {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path zip = root.resolve("io/qameta/allure/allure-commandline").resolve(version)
                .resolve("allure-commandline-" + version + ".zip");
        return Files.isRegularFile(zip) ? Optional.of(zip) : Optional.empty();
    }

    /** An unpacked distribution of this version in the cache, unpacking {@code zip} there first if needed. */
    static Path unpacked(String version, ZipSource zip) {
        Path cache = cacheDir();
        Path home = cache.resolve("allure-" + version);
        if (Files.isRegularFile(home.resolve(COMPLETE))) {
            return home;
        }
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "unpack-");
            try {
                try (InputStream in = zip.open()) {
                    unzip(in, tmp);
                }
                Path unpacked = tmp.resolve("allure-" + version);
                if (!Files.isDirectory(unpacked.resolve("lib"))) {
                    throw new IllegalStateException("the allure-commandline zip has no allure-" + version + "/lib/");
                }
                Files.createFile(unpacked.resolve(COMPLETE));
                deleteTree(home); // an incomplete earlier attempt
                try {
                    Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // another process unpacked it meanwhile: use theirs
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(unpacked, home);
                }
            } finally {
                deleteTree(tmp);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack allure-commandline into " + cache, e);
        }
    }

    interface ZipSource {
        InputStream open() throws IOException;
    }

    private static void unzip(InputStream in, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream zin = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zin, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
