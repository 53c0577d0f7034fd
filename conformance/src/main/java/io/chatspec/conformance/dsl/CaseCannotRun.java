package io.chatspec.conformance.dsl;

/**
 * The case's situation cannot be set up on this target for a reason the spec allows: for example a receiver cannot
 * connect to the relay first when the server announces its port only after the sender connected (the seed fixes
 * no order). The case ends as INFO with this reason; a FAIL found before it still stands.
 */
public final class CaseCannotRun extends RuntimeException {
    private final String rule;

    public CaseCannotRun(String rule, String reason) {
        super(reason);
        this.rule = rule;
    }

    /** The rule the case could not judge. */
    public String rule() {
        return rule;
    }
}
