package io.chatspec.conformance.runner;

import io.chatspec.conformance.EmbeddedServerHolder;
import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.conformance.target.EmbeddedTarget;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.testng.Assert.assertTrue;

/** Cases must not disturb each other through state they leave on the server. */
public class CaseIsolationTest {
    /** pipelined-send-file used to leave a transfer holding a relay port until the timeout: relay-busy FAILed. */
    @Test
    public void relayBusyIsNotDisturbedByAnEarlierPipelinedTransfer() {
        if (EmbeddedServerHolder.externalTarget() != null) {
            throw new SkipException("needs the embedded reference server");
        }
        EmbeddedTarget e = EmbeddedServerHolder.get();
        RunSettings settings = RunSettings.builder().transferTimeout(EmbeddedServerHolder.TRANSFER_TIMEOUT)
                .relayPortCount(e.relayPortCount()).limits(e.limits()).claims(EnumSet.allOf(Extension.class)).build();
        RunResult r = new SuiteRunner(e, settings, new RunListener() {
        }).run(Selection.including(List.of("framing.pipelined-send-file", "edge.relay-busy")).from(CaseCatalog.all()));
        assertTrue(r.cases().size() == 2, "selected " + r.cases().size());
        for (CaseResult c : r.cases()) {
            assertTrue(Set.of(Verdict.PASS, Verdict.INFO).contains(c.verdict()), c.id() + ": " + c.verdict().label()
                    + " " + c.reason() + " " + c.findings());
        }
    }
}
