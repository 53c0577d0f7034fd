package io.chatspec.server;

/**
 * Where file-relay listeners bind: an ephemeral port chosen by the OS per transfer, or a fixed inclusive range
 * that doubles as the limit on concurrent transfers.
 */
public record RelayPortRange(int low, int high) {
    public static final RelayPortRange EPHEMERAL = new RelayPortRange(0, 0);

    public RelayPortRange {
        boolean ephemeral = low == 0 && high == 0;
        if (!ephemeral && (low < 1 || high > 65535 || low > high)) {
            throw new IllegalArgumentException("relay port range must be LOW-HIGH within 1-65535, got " + low + "-" + high);
        }
    }

    /** {@code ephemeral} or {@code LOW-HIGH} (a single port {@code P} is {@code P-P}). */
    public static RelayPortRange parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("ephemeral") || t.equals("0")) {
            return EPHEMERAL;
        }
        int dash = t.indexOf('-');
        try {
            if (dash < 0) {
                int p = Integer.parseInt(t);
                return new RelayPortRange(p, p);
            }
            return new RelayPortRange(Integer.parseInt(t.substring(0, dash).trim()),
                    Integer.parseInt(t.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relay ports must be 'ephemeral' or LOW-HIGH, got '" + text + "'");
        }
    }

    public boolean isEphemeral() {
        return low == 0;
    }

    public int size() {
        return isEphemeral() ? Integer.MAX_VALUE : high - low + 1;
    }

    @Override
    public String toString() {
        return isEphemeral() ? "ephemeral" : low + "-" + high;
    }
}
