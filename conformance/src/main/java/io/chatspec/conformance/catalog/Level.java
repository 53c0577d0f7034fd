package io.chatspec.conformance.catalog;

/** Requirement levels of docs/PROTOCOL.md (RFC 2119 plus INFO: the spec is silent, behaviour is recorded). */
public enum Level {
    MUST, SHOULD, INFO;

    /** MUST and SHOULD rules are judged; the coverage check requires a case for each. */
    public boolean judged() {
        return this != INFO;
    }
}
