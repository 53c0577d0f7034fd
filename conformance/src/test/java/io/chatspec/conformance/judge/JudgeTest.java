package io.chatspec.conformance.judge;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The verdict policy and the per-rule combination every output shows. */
public class JudgeTest {
    private static final RuleCatalog CATALOG = RuleCatalog.bundled();

    private static Judgement judge(boolean strict, Set<Extension> claims, List<String> rules, Finding... findings) {
        return new Judge(CATALOG, claims, strict).judge(rules, new ScriptOutcome(List.of(findings), null, null, null,
                null, true, List.of(), Set.copyOf(rules), List.of()));
    }

    private static Finding fail(String rule) {
        return new Finding(rule, Verdict.FAIL, "broken", "x", "y");
    }

    @Test
    public void aBrokenShouldIsNonStrictUnlessStrict() {
        Judgement lenient = judge(false, Set.of(), List.of("FRAME-3"), fail("FRAME-3"));
        assertEquals(lenient.verdict(), Verdict.NON_STRICT);
        assertEquals(lenient.ruleVerdicts().get("FRAME-3"), Verdict.NON_STRICT);
        assertTrue(lenient.reason().startsWith("FRAME-3: SHOULD not met"), lenient.reason());
        assertEquals(judge(true, Set.of(), List.of("FRAME-3"), fail("FRAME-3")).verdict(), Verdict.FAIL);
    }

    @Test
    public void anUnclaimedExtensionIsRecordedNotJudged() {
        Judgement unclaimed = judge(false, Set.of(), List.of("ERR-1"), fail("ERR-1"));
        assertEquals(unclaimed.verdict(), Verdict.INFO);
        assertEquals(unclaimed.reason(), "extension not claimed by the target; observed behaviour recorded");
        assertEquals(judge(false, EnumSet.of(Extension.ERR), List.of("ERR-1"), fail("ERR-1")).verdict(), Verdict.FAIL);
    }

    @Test
    public void aCheckBeforeTheCaseNamedItsRulesIsAboutItsFirstRule() {
        Judgement j = judge(false, Set.of(), List.of("REG-1", "REG-2"), fail(null));
        assertEquals(j.verdict(), Verdict.FAIL);
        assertEquals(j.ruleVerdicts().get("REG-1"), Verdict.FAIL);
        assertEquals(j.ruleVerdicts().get("REG-2"), Verdict.PASS);
    }

    private static CaseResult result(String id, Map<String, Verdict> ruleVerdicts) {
        return new CaseResult(id, id, "x", List.copyOf(ruleVerdicts.keySet()), Verdict.PASS, ruleVerdicts,
                Instant.EPOCH, 0, null, null, null, List.of(), List.of());
    }

    @Test
    public void perRuleCombinesCasesAndNamesNeverReachedRulesNotRun() {
        Map<String, Verdict> a = new LinkedHashMap<>();
        a.put("REG-1", Verdict.ERROR);
        a.put("REG-2", Verdict.PASS);
        Map<String, Verdict> b = new LinkedHashMap<>();
        b.put("REG-1", Verdict.PASS);
        b.put("REG-2", Verdict.FAIL);
        List<RuleVerdict> rules = Judge.perRule(CATALOG, List.of(result("a", a), result("b", b)));
        assertEquals(rules.size(), CATALOG.rules().size());
        RuleVerdict reg1 = rules.stream().filter(r -> r.rule().id().equals("REG-1")).findFirst().orElseThrow();
        assertEquals(reg1.verdict(), Verdict.PASS, "a judged verdict beats an ERROR elsewhere");
        assertEquals(reg1.cases(), List.of("a", "b"));
        assertEquals(Judge.withVerdict(rules, Verdict.FAIL), List.of("REG-2"));
        Map<String, Integer> tally = Judge.tally(rules);
        assertEquals(tally.get("PASS"), 1);
        assertEquals(tally.get("FAIL"), 1);
        assertEquals(tally.get(RuleVerdict.NOT_RUN), CATALOG.rules().size() - 2);
        assertTrue(Judge.summary(rules).startsWith(CATALOG.rules().size() + " rules: 1 PASS"), Judge.summary(rules));
    }
}
