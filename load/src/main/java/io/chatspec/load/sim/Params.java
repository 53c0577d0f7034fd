package io.chatspec.load.sim;

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

    /** Seconds, fractions allowed ({@code 0.5}). */
    public static Duration seconds(String name, double def) {
        return Duration.ofMillis(Math.round(decimal(name, def) * 1000));
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
