package io.chatspec.conformance.model;

/**
 * Autobahn-style verdicts, declared in display order. Combining uses one ranking, the same the reports module
 * applies to results.json: FAIL &gt; ERROR &gt; NON-STRICT &gt; SKIPPED &gt; INFO &gt; PASS ({@link #severity()}).
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

    /** Higher is worse: FAIL 5, ERROR 4, NON-STRICT 3, SKIPPED 2, INFO 1, PASS 0. */
    public int severity() {
        return switch (this) {
            case PASS -> 0;
            case INFO -> 1;
            case SKIPPED -> 2;
            case NON_STRICT -> 3;
            case ERROR -> 4;
            case FAIL -> 5;
        };
    }

    public Verdict worst(Verdict other) {
        return other.severity() > severity() ? other : this;
    }

    /** True for verdicts that say something about the target's behaviour (not ERROR or SKIPPED). */
    public boolean isJudged() {
        return this != ERROR && this != SKIPPED;
    }

    /**
     * Combines two verdicts of one rule from different cases: a judged verdict beats ERROR and SKIPPED (a case
     * that could not run says nothing about a rule another case judged); otherwise the worse one wins.
     */
    public static Verdict combineForRule(Verdict a, Verdict b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.isJudged() != b.isJudged()) {
            return a.isJudged() ? a : b;
        }
        return a.worst(b);
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
