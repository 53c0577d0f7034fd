package io.chatspec.conformance.runner;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.protocol.client.Aliases;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a run paces itself and judges.
 *
 * @param transferTimeout the target's relay timeout; timeout cases wait at most this plus {@link #slack()}
 * @param claims          extensions judged as MUST; null means "the target's default" (all for embedded)
 * @param parallelism     cases run at once in the core and slow phases (risky cases always run one at a time)
 * @param relayPortCount  size of the target's relay port range, 0 when unknown (EDGE-17 is then SKIPPED)
 * @param aliases         the target's spellings of spec names ({@code --alias}); the harness reads and writes them
 * @param limits          the target's resource limits ({@code --limits}), for the LIMIT cases
 */
public record RunSettings(Duration replyTimeout, Duration quietWindow, Duration transferTimeout, boolean strict,
                          boolean numericLength, Set<Extension> claims, int parallelism, int maxMessageSize,
                          int relayPortCount, List<String> include, List<String> exclude, Path outputDir,
                          Aliases aliases, LimitSettings limits) {

    /** Without resource limits: the LIMIT cases are SKIPPED. */
    public RunSettings(Duration replyTimeout, Duration quietWindow, Duration transferTimeout, boolean strict,
                       boolean numericLength, Set<Extension> claims, int parallelism, int maxMessageSize,
                       int relayPortCount, List<String> include, List<String> exclude, Path outputDir,
                       Aliases aliases) {
        this(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, parallelism, maxMessageSize,
                relayPortCount, include, exclude, outputDir, aliases, LimitSettings.UNKNOWN);
    }

    public static RunSettings defaults() {
        return new RunSettings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(10), false, false,
                null, 8, 65536, 0, List.of(), List.of(), Path.of("chatspec-results"), Aliases.NONE,
                LimitSettings.UNKNOWN);
    }

    public RunSettings withAliases(Aliases a) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, parallelism,
                maxMessageSize, relayPortCount, include, exclude, outputDir, a, limits);
    }

    /**
     * The most a harness client buffers of one server message: a few times the target's own limit, so a target
     * that sends endless bytes costs a bounded amount of memory per connection.
     */
    public int clientFrameLimit() {
        return Math.max(256 * 1024, 4 * maxMessageSize);
    }

    /** Extra time given on top of the transfer timeout before a timeout case gives up. */
    public Duration slack() {
        return replyTimeout;
    }

    public RunSettings withClaims(Set<Extension> c) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength,
                c == null ? null : EnumSet.copyOf(c.isEmpty() ? EnumSet.noneOf(Extension.class) : c), parallelism,
                maxMessageSize, relayPortCount, include, exclude, outputDir, aliases, limits);
    }

    public RunSettings withTransferTimeout(Duration t) {
        return new RunSettings(replyTimeout, quietWindow, t, strict, numericLength, claims, parallelism,
                maxMessageSize, relayPortCount, include, exclude, outputDir, aliases, limits);
    }

    public RunSettings withRelayPortCount(int n) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, parallelism,
                maxMessageSize, n, include, exclude, outputDir, aliases, limits);
    }

    public RunSettings withSelection(List<String> inc, List<String> exc) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, parallelism,
                maxMessageSize, relayPortCount, List.copyOf(inc), List.copyOf(exc), outputDir, aliases, limits);
    }

    public RunSettings withOutputDir(Path dir) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, parallelism,
                maxMessageSize, relayPortCount, include, exclude, dir, aliases, limits);
    }

    public RunSettings withStrict(boolean s) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, s, numericLength, claims, parallelism,
                maxMessageSize, relayPortCount, include, exclude, outputDir, aliases, limits);
    }

    public RunSettings withLimits(LimitSettings l) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, parallelism,
                maxMessageSize, relayPortCount, include, exclude, outputDir, aliases, l);
    }

    public RunSettings withParallelism(int p) {
        return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims, p,
                maxMessageSize, relayPortCount, include, exclude, outputDir, aliases, limits);
    }
}
