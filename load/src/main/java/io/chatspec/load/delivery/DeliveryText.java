package io.chatspec.load.delivery;

import java.nio.charset.StandardCharsets;

/**
 * The {@code text} of a measured chat message: {@code "cs:<seq>:<epochMicros>:"} padded with dots to the wanted
 * size. Receivers parse it back to get the sequence number (for loss, duplicate and order checks) and the send
 * time (for time to delivery). Clocks must agree across machines for cross-host delivery times (use NTP/PTP).
 */
public record DeliveryText(long seq, long sentMicros) {
    private static final String PREFIX = "cs:";

    public static String encode(long seq, long sentMicros, int size) {
        byte[] b = new byte[maxBytes(size)];
        return new String(b, 0, write(b, 0, seq, sentMicros, size), StandardCharsets.US_ASCII);
    }

    /** The most bytes {@link #write} puts down for {@code size}: the padded size or the unpadded form, if longer. */
    public static int maxBytes(int size) {
        return Math.max(size, PREFIX.length() + 2 * 20 + 2);
    }

    /**
     * Writes what {@link #encode} returns as ASCII bytes into {@code dst} at {@code off}, with no String on the
     * way (the injector's send path); returns the index after the last byte. {@code dst} needs
     * {@link #maxBytes} bytes from {@code off}.
     */
    public static int write(byte[] dst, int off, long seq, long sentMicros, int size) {
        int i = off;
        for (int k = 0; k < PREFIX.length(); k++) {
            dst[i++] = (byte) PREFIX.charAt(k);
        }
        i = digits(dst, i, seq);
        dst[i++] = ':';
        i = digits(dst, i, sentMicros);
        dst[i++] = ':';
        while (i - off < size) {
            dst[i++] = '.';
        }
        return i;
    }

    private static int digits(byte[] dst, int i, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        int n = 1;
        for (long x = v; x >= 10; x /= 10) {
            n++;
        }
        for (int k = i + n - 1; k >= i; k--) {
            dst[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return i + n;
    }

    /** Null for text this simulator did not write (another client's traffic on a shared server). */
    public static DeliveryText decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return null;
        }
        int a = text.indexOf(':', PREFIX.length());
        int b = a < 0 ? -1 : text.indexOf(':', a + 1);
        if (b < 0) {
            return null;
        }
        try {
            return new DeliveryText(Long.parseLong(text, PREFIX.length(), a, 10),
                    Long.parseLong(text, a + 1, b, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
