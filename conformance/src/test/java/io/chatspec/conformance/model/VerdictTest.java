package io.chatspec.conformance.model;

import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;

/** One ranking everywhere: FAIL > ERROR > NON-STRICT > SKIPPED > INFO > PASS, as the reports module reads it. */
public class VerdictTest {
    @Test
    public void worstFollowsTheSharedRanking() {
        List<Verdict> order = List.of(Verdict.PASS, Verdict.INFO, Verdict.SKIPPED, Verdict.NON_STRICT, Verdict.ERROR,
                Verdict.FAIL);
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j < order.size(); j++) {
                Verdict expected = order.get(Math.max(i, j));
                assertEquals(order.get(i).worst(order.get(j)), expected, order.get(i) + " vs " + order.get(j));
            }
        }
    }

    @Test
    public void aRuleJudgedSomewhereIsNotHiddenByAnErrorElsewhere() {
        assertEquals(Verdict.combineForRule(Verdict.PASS, Verdict.ERROR), Verdict.PASS);
        assertEquals(Verdict.combineForRule(Verdict.SKIPPED, Verdict.NON_STRICT), Verdict.NON_STRICT);
        assertEquals(Verdict.combineForRule(Verdict.ERROR, Verdict.FAIL), Verdict.FAIL);
        assertEquals(Verdict.combineForRule(Verdict.SKIPPED, Verdict.ERROR), Verdict.ERROR);
        assertEquals(Verdict.combineForRule(null, Verdict.SKIPPED), Verdict.SKIPPED);
    }
}
