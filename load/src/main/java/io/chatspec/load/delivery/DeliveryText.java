package io.chatspec.load.delivery;

/**
 * The {@code text} of a measured chat message: {@code "cs:<seq>:<epochMicros>:"} padded with dots to the wanted
 * size. Receivers parse it back to get the sequence number (for loss, duplicate and order checks) and the send
 * time (for time to delivery). Clocks must agree across machines for cross-host delivery times (use NTP/PTP).
 */
public record DeliveryText(long seq, long sentMicros) {
    private static final String PREFIX = "cs:";

    public static String encode(long seq, long sentMicros, int size) {
        StringBuilder b = new StringBuilder(Math.max(size, 32)).append(PREFIX).append(seq).append(':')
                .append(sentMicros).append(':');
        while (b.length() < size) {
            b.append('.');
        }
        return b.toString();
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
