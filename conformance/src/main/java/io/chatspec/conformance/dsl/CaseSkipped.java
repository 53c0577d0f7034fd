package io.chatspec.conformance.dsl;

/** The case cannot run in this configuration (for example the target's relay port range is unknown). */
public class CaseSkipped extends RuntimeException {
    public CaseSkipped(String reason) {
        super(reason);
    }
}
