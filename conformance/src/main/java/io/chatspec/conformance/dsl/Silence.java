package io.chatspec.conformance.dsl;

import io.chatspec.protocol.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * "This client receives nothing (matching {@code filter}) in the quiet window". Several are checked together in
 * one window by {@link Scenario#quiet}, so a case pays the window once, not once per client.
 *
 * @param filter what must not arrive; null for "anything at all"
 * @param except messages the client itself sent: a copy of one of them arriving back (an echo, PRIV-9/GCHAT-5 INFO)
 *               does not break the silence
 * @param rule   the one rule a message breaking this silence FAILs; null: the filter's rule, else the step's first
 */
public record Silence(Actor actor, Expect filter, List<Message> except, String rule) {
    public Silence(Actor actor, Expect filter) {
        this(actor, filter, List.of(), filter == null ? null : filter.rule());
    }

    /** The same silence, judged under {@code ruleId}. */
    public Silence rule(String ruleId) {
        return new Silence(actor, filter, except, ruleId);
    }

    /** The same silence, but copies of the actor's own {@code sent} messages (echoes) are allowed. */
    public Silence exceptCopiesOf(Message... sent) {
        List<Message> all = new ArrayList<>(except);
        all.addAll(List.of(sent));
        return new Silence(actor, filter, List.copyOf(all), rule);
    }

    /** What breaks this silence. */
    public Predicate<Message> breaks() {
        Predicate<Message> p = filter == null ? m -> true : filter;
        for (Message own : except) {
            Expect copy = Expect.sameAs(own);
            p = p.and(m -> !copy.test(m));
        }
        return p;
    }

    public String describe() {
        return actor.role() + " receives " + (filter == null ? "nothing" : "no " + filter)
                + (except.isEmpty() ? "" : " except a copy of " + except.stream().map(Message::raw)
                .collect(Collectors.joining(" / ")));
    }
}
