package io.chatspec.conformance.runner;

import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Restart;
import io.chatspec.conformance.model.RunResult;

/** Live progress of a run (console lines, Allure); calls come from worker threads, one at a time. */
public interface RunListener {
    default void runStarted(String target, int cases) {
    }

    default void caseFinished(CaseResult result) {
    }

    /** The target stopped serving and the harness started it again (blame is settled later, see caseRevised). */
    default void targetRestarted(Restart restart) {
    }

    /** A case already reported gets another verdict: it left a transfer pending whose timeout crashed the target. */
    default void caseRevised(CaseResult result) {
    }

    default void runFinished(RunResult result) {
    }
}
