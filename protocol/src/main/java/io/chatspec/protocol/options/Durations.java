package io.chatspec.protocol.options;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The one reading of a duration on every chatspec command line and {@code -Dchatspec.*} property: {@code 500ms},
 * {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}, ISO-8601 {@code PT10S}, or a bare number, which is
 * <b>seconds</b> in every tool. Before this class the conformance CLI read a bare {@code 10} as 10 ms and the
 * server as 10 s; now they agree.
 */
public final class Durations {
    /** For help texts: what {@link #parse} accepts, in a few words. */
    public static final String ACCEPTED = "500ms, 10s, 1.5s, 2m, 1h, PT10S, or a bare number of seconds";

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted forms, for blank, negative or
     *                                  unreadable input
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text);
        }
        String v = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.startsWith("p") || v.startsWith("-p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = scaled(v.substring(0, v.length() - 2), Duration.ofMillis(1));
            } else if (v.endsWith("s")) {
                d = scaled(v.substring(0, v.length() - 1), Duration.ofSeconds(1));
            } else if (v.endsWith("m")) {
                d = scaled(v.substring(0, v.length() - 1), Duration.ofMinutes(1));
            } else if (v.endsWith("h")) {
                d = scaled(v.substring(0, v.length() - 1), Duration.ofHours(1));
            } else {
                d = scaled(v, Duration.ofSeconds(1));
            }
        } catch (RuntimeException e) {
            throw invalid(text);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is negative; a duration must be 0 or more");
        }
        return d;
    }

    /** Seconds as a decimal ({@code 1.5}), the form {@code -Dchatspec.*} properties that count seconds carry. */
    public static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** {@code number × unit}, exact to the nanosecond; a fraction of a millisecond is kept, not rounded. */
    private static Duration scaled(String number, Duration unit) {
        BigDecimal nanos = new BigDecimal(number.trim()).multiply(BigDecimal.valueOf(unit.toNanos()));
        return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + (text == null ? "" : text.trim()) + "' is not a duration (use "
                + ACCEPTED + ")");
    }
}
