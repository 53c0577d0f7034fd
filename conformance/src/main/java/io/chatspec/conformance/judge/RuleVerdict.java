package io.chatspec.conformance.judge;

import io.chatspec.conformance.catalog.Rule;
import io.chatspec.conformance.model.Verdict;

import java.util.List;

/**
 * One rule's verdict over a whole run.
 *
 * @param verdict the combined verdict of the cases that reached it, null when none did (NOT-RUN)
 * @param cases   the IDs of those cases, in report order
 */
public record RuleVerdict(Rule rule, Verdict verdict, List<String> cases) {
    public static final String NOT_RUN = "NOT-RUN";

    public RuleVerdict {
        cases = List.copyOf(cases);
    }

    /** The spelling in results.json and on the console: a verdict's label, or NOT-RUN. */
    public String label() {
        return verdict == null ? NOT_RUN : verdict.label();
    }
}
