package io.chatspec.reports.conformance;

import java.util.List;

/** Verdict spellings of results.json, ordered from worst to best so a cell can show the one that matters most. */
public final class Verdicts {
    public static final String NOT_RUN = "NOT-RUN";
    public static final List<String> CASE_VERDICTS = List.of("FAIL", "ERROR", "NON-STRICT", "SKIPPED", "INFO", "PASS");
    public static final List<String> RULE_VERDICTS = List.of("FAIL", "ERROR", "NON-STRICT", "SKIPPED", "INFO", "PASS",
            NOT_RUN);

    private Verdicts() {
    }

    /** CSS class for a verdict ({@code NON-STRICT} -> {@code v-non-strict}). */
    public static String css(String verdict) {
        return "v-" + (verdict == null ? "not-run" : verdict.toLowerCase(java.util.Locale.ROOT));
    }

    /** Lower is worse; unknown spellings sort last so they never hide a FAIL. */
    public static int severity(String verdict) {
        int i = RULE_VERDICTS.indexOf(verdict);
        return i < 0 ? RULE_VERDICTS.size() : i;
    }
}
