package io.chatspec.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One in-process run of the real CLI entry point: its exit code, console and (when written) results.json. */
record CliRun(int exitCode, String out, String err, Path outputDir) {

    /** Runs the CLI with {@code -o} pointing at a fresh directory under target/. */
    static CliRun of(String... args) {
        Path dir;
        try {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target"), "cli-run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("-o");
        all.add(dir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), dir);
    }

    /** The case entry of results.json with this ID. */
    JsonNode result(String caseId) {
        try {
            JsonNode root = new ObjectMapper().readTree(outputDir.resolve("results.json").toFile());
            for (JsonNode c : root.get("cases")) {
                if (caseId.equals(c.get("id").asText())) {
                    return c;
                }
            }
            throw new AssertionError(caseId + " is not in results.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String verdict(String caseId) {
        return result(caseId).get("verdict").asText();
    }

    String reason(String caseId) {
        return result(caseId).path("reason").asText("");
    }

    /** For assertion messages: everything the run printed. */
    String console() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
