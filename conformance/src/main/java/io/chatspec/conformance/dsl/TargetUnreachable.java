package io.chatspec.conformance.dsl;

/** The harness could not open a connection to the target: ERROR, or FAIL when the target was up before. */
public class TargetUnreachable extends RuntimeException {
    public TargetUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
