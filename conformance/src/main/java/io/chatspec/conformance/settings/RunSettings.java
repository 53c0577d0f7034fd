package io.chatspec.conformance.settings;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.protocol.client.Aliases;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a run paces itself and judges: what the cases, the runner and the judge need to know of the target. Which
 * cases run and where the results go are the CLI's business, not part of this. Build one with {@link #builder()}.
 *
 * @param replyTimeout    how long a case waits for an expected message
 * @param quietWindow     how long a client must receive nothing to count as silent
 * @param transferTimeout the target's relay timeout; timeout cases wait at most this plus {@link #slack()}
 * @param strict          whether tolerated deviations (NON-STRICT) are FAIL
 * @param numericLength   whether send_file's length is sent as a JSON number instead of a string
 * @param claims          extensions judged as MUST; null means "the target's default" (all for embedded)
 * @param parallelism     cases run at once in the core and slow phases (risky cases always run one at a time)
 * @param maxMessageSize  the target's message size limit, for the too_large case
 * @param relayPortCount  size of the target's relay port range, 0 when unknown (EDGE-17 is then SKIPPED)
 * @param aliases         the target's spellings of spec names ({@code --alias}); the harness reads and writes them
 * @param limits          the target's resource limits ({@code --limits}), for the LIMIT cases
 */
public record RunSettings(Duration replyTimeout, Duration quietWindow, Duration transferTimeout, boolean strict,
                          boolean numericLength, Set<Extension> claims, int parallelism, int maxMessageSize,
                          int relayPortCount, Aliases aliases, LimitSettings limits) {

    public RunSettings {
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(quietWindow, "quietWindow");
        Objects.requireNonNull(transferTimeout, "transferTimeout");
        Objects.requireNonNull(aliases, "aliases");
        Objects.requireNonNull(limits, "limits");
        // immutable like the rest; EnumSet.copyOf refuses an empty plain Set
        claims = claims == null ? null
                : Collections.unmodifiableSet(claims.isEmpty() ? EnumSet.noneOf(Extension.class) : EnumSet.copyOf(claims));
    }

    /** The CLI's defaults: 2 s replies, 300 ms quiet, a 10 s relay timeout, 8 cases at once, no limits known. */
    public static RunSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
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

    /** Starts from {@link #defaults()}; each setter replaces one setting. */
    public static final class Builder {
        private Duration replyTimeout = Duration.ofSeconds(2);
        private Duration quietWindow = Duration.ofMillis(300);
        private Duration transferTimeout = Duration.ofSeconds(10);
        private boolean strict;
        private boolean numericLength;
        private Set<Extension> claims;
        private int parallelism = 8;
        private int maxMessageSize = 65536;
        private int relayPortCount;
        private Aliases aliases = Aliases.NONE;
        private LimitSettings limits = LimitSettings.UNKNOWN;

        private Builder() {
        }

        public Builder replyTimeout(Duration d) {
            replyTimeout = d;
            return this;
        }

        public Builder quietWindow(Duration d) {
            quietWindow = d;
            return this;
        }

        public Builder transferTimeout(Duration d) {
            transferTimeout = d;
            return this;
        }

        public Builder strict(boolean s) {
            strict = s;
            return this;
        }

        public Builder numericLength(boolean n) {
            numericLength = n;
            return this;
        }

        /** Null: the target's default claims. */
        public Builder claims(Set<Extension> c) {
            claims = c;
            return this;
        }

        public Builder parallelism(int p) {
            parallelism = p;
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            maxMessageSize = bytes;
            return this;
        }

        public Builder relayPortCount(int n) {
            relayPortCount = n;
            return this;
        }

        public Builder aliases(Aliases a) {
            aliases = a;
            return this;
        }

        public Builder limits(LimitSettings l) {
            limits = l;
            return this;
        }

        public RunSettings build() {
            return new RunSettings(replyTimeout, quietWindow, transferTimeout, strict, numericLength, claims,
                    parallelism, maxMessageSize, relayPortCount, aliases, limits);
        }
    }
}
