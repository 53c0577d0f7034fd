package io.chatspec.conformance.dsl;

import java.util.List;

/**
 * A judged step failed in a way the following steps depend on (a reply missing or with another result), so the
 * case stops. Its FAIL is already recorded under one rule; the rules the step was checking, and that have no
 * finding of their own, were not judged (SKIPPED), not seen to pass.
 */
public final class CaseStopped extends RuntimeException {
    private final List<String> unjudged;

    public CaseStopped(String message, List<String> unjudged) {
        super(message);
        this.unjudged = List.copyOf(unjudged);
    }

    public List<String> unjudged() {
        return unjudged;
    }
}
