package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.conformance.ConformanceRun.RuleResult;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;

public class MatrixPageTest {
    private static CaseResult caseWith(String id, String ruleVerdict) {
        return new CaseResult(id, id, "c", List.of("LOGIN-4"), ruleVerdict, Map.of("LOGIN-4", ruleVerdict), null, 0,
                null, null, null, List.of(), List.of());
    }

    private static ConformanceRun run(List<CaseResult> cases, RuleResult rule) {
        return new ConformanceRun(1, "1", "t", new ConformanceRun.Target("x", List.of()), null, 0, false, Map.of(),
                List.of(rule), cases, Map.of());
    }

    @Test
    public void theLinkedCaseIsOneThatGaveTheRulesVerdict() {
        // A rule judged PASS in one case and not reached (ERROR) in another shows PASS: link the PASS case.
        RuleResult rule = new RuleResult("LOGIN-4", "MUST", "2", "t", "PASS", List.of("a.error", "b.pass"));
        ConformanceRun r = run(List.of(caseWith("a.error", "ERROR"), caseWith("b.pass", "PASS")), rule);
        assertEquals(MatrixPage.decisiveCase(r, rule).orElseThrow().id(), "b.pass");
    }

    @Test
    public void aFailIsLinkedEvenAmongPasses() {
        RuleResult rule = new RuleResult("LOGIN-4", "MUST", "2", "t", "FAIL", List.of("a.pass", "b.fail", "c.pass"));
        ConformanceRun r = run(List.of(caseWith("a.pass", "PASS"), caseWith("b.fail", "FAIL"), caseWith("c.pass", "PASS")),
                rule);
        assertEquals(MatrixPage.decisiveCase(r, rule).orElseThrow().id(), "b.fail");
    }

    @Test
    public void aliasesInForceAreShownWithTheTarget() {
        RuleResult rule = new RuleResult("MSG-1", "MUST", "2", "t", "FAIL", List.of("a.fail"));
        ConformanceRun r = new ConformanceRun(1, "1", "t", new ConformanceRun.Target("x", List.of()), null, 0, false,
                Map.of(), List.of(rule), List.of(caseWith("a.fail", "FAIL")),
                Map.of("aliases", Map.of("login_replay", "login_reply")));
        assertEquals(r.aliases(), Map.of("login_replay", "login_reply"));
        String page = MatrixPage.html(List.of(new TargetRun(1, "c-server", java.nio.file.Path.of("x"), r, false)),
                java.time.Instant.EPOCH);
        org.testng.Assert.assertTrue(page.contains("aliases in force: login_replay=login_reply"), page);
    }
}
