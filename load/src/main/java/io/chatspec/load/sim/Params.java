package io.chatspec.load.sim;

import io.chatspec.protocol.options.Durations;

import java.time.Duration;
import java.util.Locale;

/**
 * Simulation parameters from {@code -Dchatspec.*} system properties (the Gatling Maven plugin forwards them to
 * the simulation JVM). Defaults keep every simulation to a few seconds against the embedded server.
 */
public final class Params {
    private Params() {
    }

    public static String string(String name, String def) {
        String v = System.getProperty("chatspec." + name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    public static int integer(String name, int def) {
        return Integer.parseInt(string(name, Integer.toString(def)));
    }

    public static double decimal(String name, double def) {
        return Double.parseDouble(string(name, Double.toString(def)));
    }

    public static boolean flag(String name, boolean def) {
        return Boolean.parseBoolean(string(name, Boolean.toString(def)));
    }

    /**
     * A duration as every chatspec tool reads one ({@link Durations}): a bare number is seconds ({@code 0.5}),
     * units {@code 500ms}, {@code 10s}, {@code 2m} and ISO-8601 {@code PT10S} are accepted too.
     */
    public static Duration seconds(String name, double def) {
        String v = string(name, null);
        if (v == null) {
            return Duration.ofNanos(Math.round(def * 1e9));
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chatspec." + name + ": " + e.getMessage());
        }
    }

    /** {@link #seconds} as a decimal number of seconds, for rates and counts computed from it. */
    public static double secondsValue(String name, double def) {
        return Durations.seconds(seconds(name, def));
    }

    /** {@link #seconds} that must be a whole number of seconds (step lengths that index per-second buckets). */
    public static int wholeSeconds(String name, int def) {
        Duration d = seconds(name, def);
        if (d.getNano() != 0) {
            throw new IllegalArgumentException("chatspec." + name + " must be whole seconds, got " + d);
        }
        return Math.toIntExact(d.getSeconds());
    }

    /** A byte count with an optional K, M or G suffix (binary: 256M = 256 MiB). */
    public static long bytes(String name, long def) {
        String v = string(name, null);
        return v == null ? def : parseBytes(v);
    }

    static long parseBytes(String v) {
        String t = v.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t.trim()) * unit;
    }
}
