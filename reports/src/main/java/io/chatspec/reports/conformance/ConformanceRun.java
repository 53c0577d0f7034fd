package io.chatspec.reports.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One conformance run as written by the conformance CLI ({@code results.json}, schemaVersion 1, see
 * docs/CONFORMANCE.md). Only the fields the report shows are bound; unknown fields are ignored so that additive
 * schema changes do not break old report builds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConformanceRun(int schemaVersion, String specVersion, String runTag, Target target, String startedAt,
                             long durationMs, boolean strict, Map<String, Object> summary, List<RuleResult> rules,
                             List<CaseResult> cases, Map<String, Object> options) {
    public static final int SUPPORTED_SCHEMA = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The {@code --alias} pairs the run was made with (server name to spec name); empty for older results. */
    @SuppressWarnings("unchecked")
    public Map<String, String> aliases() {
        Object a = options == null ? null : options.get("aliases");
        return a instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String description, List<String> claims) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleResult(String id, String level, String section, String text, String verdict, List<String> cases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseResult(String id, String title, String category, List<String> rules, String verdict,
                             Map<String, String> ruleVerdicts, String startedAt, long durationMs, String reason,
                             String expected, String observed, List<Finding> findings,
                             List<TranscriptEntry> transcript) {
        public List<Finding> findings() {
            return findings == null ? List.of() : findings;
        }

        public List<TranscriptEntry> transcript() {
            return transcript == null ? List.of() : transcript;
        }

        public Map<String, String> ruleVerdicts() {
            return ruleVerdicts == null ? Map.of() : ruleVerdicts;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Finding(String rule, String verdict, String message, String expected, String observed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TranscriptEntry(long seq, String at, String client, String direction, String text, String newline,
                                  @JsonProperty("sharedSegment") Boolean sharedSegment) {
        public boolean isSent() {
            return "SENT".equals(direction);
        }

        public boolean isReceived() {
            return "RECEIVED".equals(direction);
        }
    }

    /** Reads {@code results.json}, given either the file or the output folder of a run. */
    public static ConformanceRun read(Path fileOrDir) {
        Path file = resultsFile(fileOrDir);
        try {
            ConformanceRun run = JSON.readValue(file.toFile(), ConformanceRun.class);
            if (run.schemaVersion() != SUPPORTED_SCHEMA) {
                throw new IllegalArgumentException(file + " has schemaVersion " + run.schemaVersion()
                        + "; this report understands " + SUPPORTED_SCHEMA);
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance results " + file, e);
        }
    }

    public static Path resultsFile(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("results.json") : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no conformance results at " + file
                    + " (expected the -o folder of chatspec-conformance, or its results.json)");
        }
        return file;
    }

    public Optional<CaseResult> caseById(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Case counts per verdict, exactly as the run's own summary states them. */
    public Map<String, Integer> caseTotals() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (String v : Verdicts.CASE_VERDICTS) {
            Object n = summary == null ? null : summary.get(v);
            totals.put(v, n instanceof Number num ? num.intValue() : 0);
        }
        return totals;
    }
}
