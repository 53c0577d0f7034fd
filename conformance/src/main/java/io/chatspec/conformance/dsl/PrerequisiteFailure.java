package io.chatspec.conformance.dsl;

/**
 * Setting up a case failed (for example register or login did not work), so the rules the case is about cannot
 * be judged: the case is SKIPPED with this reason. The rule that broke is judged by its own case.
 */
public class PrerequisiteFailure extends RuntimeException {
    public PrerequisiteFailure(String message) {
        super(message);
    }
}
