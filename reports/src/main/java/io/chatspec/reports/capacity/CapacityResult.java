package io.chatspec.reports.capacity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The load module's capacity result ({@code target/chatspec/capacity-<injector>.json}, written by
 * CapacitySimulation): the highest arrival rate whose step, and every step before it, held the SLO.
 *
 * <p>Read additively: unknown fields are ignored and the optional ones ({@code stepSeconds}, a step's
 * {@code achievedPerSecond}, {@code deliveries}) may be absent, so the load module can grow the file without
 * breaking older report builds, and older files still render.
 *
 * @param stepSeconds how long each step lasted, if the file says; turns a step's counts into a rate
 * @param deliveries  delivery counters, when the result file carries them itself
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CapacityResult(String slo, double capacityPerSecond, List<Step> steps, Double stepSeconds,
                              DeliveryCounters deliveries) {

    /** @param achievedPerSecond the rate the injector actually achieved in this step, in the offered rate's unit */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(double ratePerSecond, long ok, long ko, double p99Ms, double errorPct, boolean held,
                       Double achievedPerSecond) {
    }

    public List<Step> stepsOrEmpty() {
        return steps == null ? List.of() : steps;
    }

    /** A result and the file it came from (shown on the page, so nobody has to guess which run it belongs to). */
    public record Source(Path file, CapacityResult result) {
    }

    /** Files written after the run ended are still its own: the result is written in the simulation's after(). */
    static final Duration WRITE_SLACK = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CapacityResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), CapacityResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capacity result " + file, e);
        }
    }

    /**
     * The result written by this run, if any: a {@code capacity-*.json} inside the run folder, or in the load
     * module's default output folder next to Gatling's ({@code target/chatspec/}) whose modification time falls
     * inside the run. That folder keeps only the latest file, so an older run simply gets none.
     */
    public static Optional<Source> discover(GatlingRun run) {
        Optional<Source> inside = candidates(run.folder()).findFirst().map(f -> new Source(f, read(f)));
        if (inside.isPresent() || run.startedAt() == null || run.endedAt().isEmpty()) {
            return inside;
        }
        Path loadOutput = run.folder().toAbsolutePath().getParent().resolveSibling("chatspec");
        Instant from = run.startedAt();
        Instant to = run.endedAt().get().plus(WRITE_SLACK);
        return candidates(loadOutput).filter(f -> modifiedWithin(f, from, to)).findFirst()
                .map(f -> new Source(f, read(f)));
    }

    private static Stream<Path> candidates(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("capacity-.*\\.json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean modifiedWithin(Path f, Instant from, Instant to) {
        try {
            Instant m = Files.getLastModifiedTime(f).toInstant();
            return !m.isBefore(from) && !m.isAfter(to);
        } catch (IOException e) {
            return false;
        }
    }
}
