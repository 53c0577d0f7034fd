package io.chatspec.reports.capacity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A distributed run merged by the load module's HdrMerge ({@code merged.json}): the injectors' histograms added
 * per request, so the percentiles are those of all samples together, plus each injector's own counts and rates.
 * Read additively: unknown fields are ignored and absent ones stay null.
 *
 * <pre>{
 *   "injectorLogs": 3, "spanSeconds": 12.0,
 *   "requests": {"private_chat": {"ok": 900, "ko": 0, "okPerSecond": 75.0, "p50Ms": 0.4, "p90Ms": 0.9,
 *                                 "p99Ms": 2.1, "p999Ms": 4.0, "maxMs": 6.2}},
 *   "injectors": [{"name": "injector-0", "requests": {"private_chat": {"ok": 300, "ko": 0, "okPerSecond": 25.0}}}]
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MergedRun(Integer injectorLogs, Double spanSeconds, Map<String, Request> requests,
                        List<Injector> injectors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(Long ok, Long ko, Double okPerSecond, Double p50Ms, Double p90Ms, Double p99Ms,
                          Double p999Ms, Double maxMs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Injector(String name, Map<String, Request> requests) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static MergedRun read(Path file) {
        try {
            return JSON.readValue(file.toFile(), MergedRun.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read merged run " + file + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Request> requestsOrEmpty() {
        return requests == null ? Map.of() : requests;
    }

    public List<Injector> injectorsOrEmpty() {
        return injectors == null ? List.of() : injectors;
    }
}
