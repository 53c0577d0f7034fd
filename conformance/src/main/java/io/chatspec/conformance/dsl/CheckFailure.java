package io.chatspec.conformance.dsl;

import java.util.List;

/** A judged expectation was not met: the case FAILs on the rules that were being checked. */
public class CheckFailure extends RuntimeException {
    private final List<String> rules;
    private final String expected;
    private final String observed;

    public CheckFailure(List<String> rules, String message, String expected, String observed) {
        super(message);
        this.rules = List.copyOf(rules);
        this.expected = expected;
        this.observed = observed;
    }

    public List<String> rules() {
        return rules;
    }

    public String expected() {
        return expected;
    }

    public String observed() {
        return observed;
    }
}
