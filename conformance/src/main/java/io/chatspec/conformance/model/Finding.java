package io.chatspec.conformance.model;

/**
 * One judged or recorded observation about a rule inside a case.
 *
 * @param rule     the rule ID it is about, or null for harness-level notes (crash, unreachable target)
 * @param expected what the spec demands (null for INFO observations)
 * @param observed what the target did
 */
public record Finding(String rule, Verdict verdict, String message, String expected, String observed) {

    public static Finding info(String rule, String message) {
        return new Finding(rule, Verdict.INFO, message, null, null);
    }

    public Finding withVerdict(Verdict v) {
        return new Finding(rule, v, message, expected, observed);
    }
}
