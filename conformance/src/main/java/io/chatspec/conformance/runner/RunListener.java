package io.chatspec.conformance.runner;

import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.RunResult;

/** Live progress of a run (console lines, Allure); calls come from worker threads, one at a time. */
public interface RunListener {
    default void runStarted(String target, int cases) {
    }

    default void caseFinished(CaseResult result) {
    }

    default void runFinished(RunResult result) {
    }
}
