package io.chatspec.reports.capacity;

import io.chatspec.reports.html.Html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the capacity report folder: {@code index.html} ({@link CapacityPage}) plus a copy of each Gatling HTML
 * report under {@code gatling/<n>-<run folder>/}, so the folder is self-contained when archived by CI. The JSON it
 * reads is {@link CapacityResult}; this class only writes HTML.
 */
public final class CapacityFolder {
    private CapacityFolder() {
    }

    public static Path write(List<Path> gatlingFolders, List<Path> capacityFiles, Path out) {
        return write(gatlingFolders, capacityFiles, out, null);
    }

    /** The merged-run page: {@code index.html} when it is the whole report, else {@code merged.html} beside it. */
    public static Path writeMerged(Path mergedJson, Path out, boolean alone) {
        MergedRun run = MergedRun.read(mergedJson);
        Html.writeStylesheet(out);
        Path page = out.resolve(alone ? "index.html" : "merged.html");
        Html.write(page, MergedPage.html(run, mergedJson, Instant.now()));
        return page;
    }

    public static Path write(List<Path> gatlingFolders, List<Path> capacityFiles, Path out, Path mergedPage) {
        if (gatlingFolders.isEmpty()) {
            throw new IllegalArgumentException("no Gatling run folders given");
        }
        List<CapacityPage.Column> columns = new ArrayList<>();
        try {
            Files.createDirectories(out);
            deleteTree(out.resolve("gatling"));
            for (int i = 0; i < gatlingFolders.size(); i++) {
                Path folder = gatlingFolders.get(i);
                GatlingRun run = GatlingRun.read(folder);
                String copy = "gatling/" + (i + 1) + "-" + folder.toAbsolutePath().normalize().getFileName();
                copyReport(folder, out.resolve(copy));
                columns.add(new CapacityPage.Column(i + 1, run, copy + "/index.html", CapacityResult.discover(run)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CapacityResult.Source> extra = capacityFiles.stream()
                .map(f -> new CapacityResult.Source(f, CapacityResult.read(f))).toList();
        Html.writeStylesheet(out);
        Path index = out.resolve("index.html");
        String html = CapacityPage.html(columns, extra, Instant.now());
        if (mergedPage != null) {
            html = html.replace("<h2>Runs</h2>", "<p><a id=\"merged-link\" href=\"" + mergedPage.getFileName()
                    + "\">Merged distributed run</a></p>\n<h2>Runs</h2>");
        }
        Html.write(index, html);
        return index;
    }

    /** Everything but simulation.log: it is binary, often large, and the HTML report does not read it. */
    private static void copyReport(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : files.toList()) {
                if (src.getFileName().toString().equals("simulation.log")) {
                    continue;
                }
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
