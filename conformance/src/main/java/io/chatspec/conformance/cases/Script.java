package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Scenario;

/** The body of a case, written in the scenario DSL. */
@FunctionalInterface
public interface Script {
    void run(Scenario s) throws Exception;
}
