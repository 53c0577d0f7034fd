package io.chatspec.conformance.model;

/**
 * Autobahn-style verdicts, ordered from best to worst for summarising. The ordinal order is used to combine
 * several findings into one case verdict: the worst judged finding wins.
 */
public enum Verdict {
    PASS("PASS"),
    INFO("INFO"),
    NON_STRICT("NON-STRICT"),
    SKIPPED("SKIPPED"),
    FAIL("FAIL"),
    ERROR("ERROR");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The spelling used on the console, in JSON and in reports. */
    public String label() {
        return label;
    }

    public static Verdict parse(String label) {
        for (Verdict v : values()) {
            if (v.label.equalsIgnoreCase(label) || v.name().equalsIgnoreCase(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict " + label);
    }

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** FAIL and ERROR make the run fail (exit code 1 or 2). */
    public boolean isProblem() {
        return this == FAIL || this == ERROR;
    }

    @Override
    public String toString() {
        return label;
    }
}
