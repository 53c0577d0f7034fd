package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.cases.Phase;
import io.chatspec.conformance.cases.Script;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.dsl.CaseEnv;
import io.chatspec.conformance.dsl.CaseSkipped;
import io.chatspec.conformance.dsl.Names;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.settings.RunSettings;
import org.testng.annotations.Test;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;

import static org.testng.Assert.assertEquals;

/** Rule verdicts of a case that was forced to stop. */
public class CaseExecutorTest {
    private static CaseResult run(Script script) {
        CaseEnv env = new CaseEnv(() -> new InetSocketAddress("127.0.0.1", 9), RunSettings.defaults(),
                EnumSet.noneOf(Extension.class), new Names("t"), RuleCatalog.bundled());
        return new CaseExecutor(env).run(new ConformanceCase("x.case", "t", "x", List.of("REG-1", "REG-2", "REG-3"),
                Phase.CORE, script));
    }

    @Test
    public void rulesBeingCheckedWhenSkippedAreSkippedNotPassed() {
        CaseResult r = run(s -> {
            s.checks("REG-1");
            s.checks("REG-2");
            throw new CaseSkipped("cannot go on");
        });
        assertEquals(r.verdict(), Verdict.SKIPPED);
        assertEquals(r.ruleVerdicts().get("REG-1"), Verdict.PASS, r.ruleVerdicts().toString());
        assertEquals(r.ruleVerdicts().get("REG-2"), Verdict.SKIPPED, r.ruleVerdicts().toString());
        assertEquals(r.ruleVerdicts().get("REG-3"), Verdict.SKIPPED, r.ruleVerdicts().toString());
    }

    @Test
    public void rulesBeingCheckedWhenTheHarnessBrokeAreErrorNotPassed() {
        CaseResult r = run(s -> {
            s.checks("REG-1");
            throw new IllegalStateException("bug");
        });
        assertEquals(r.verdict(), Verdict.ERROR);
        assertEquals(r.ruleVerdicts().get("REG-1"), Verdict.ERROR, r.ruleVerdicts().toString());
    }
}
