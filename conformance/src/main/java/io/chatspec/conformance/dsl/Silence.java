package io.chatspec.conformance.dsl;

/**
 * "This client receives nothing (matching {@code filter}) in the quiet window". Several are checked together in
 * one window by {@link Scenario#quiet}, so a case pays the window once, not once per client.
 *
 * @param filter what must not arrive; null for "anything at all"
 */
public record Silence(Actor actor, Expect filter) {
    public String describe() {
        return actor.role() + " receives " + (filter == null ? "nothing" : "no " + filter);
    }
}
