package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.cases.ConformanceCase;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class SelectionTest {
    private final List<ConformanceCase> all = CaseCatalog.all();

    @Test
    public void includeByIdGlobRuleAndCategory() {
        assertTrue(new Selection(List.of("file.*"), List.of()).from(all).stream().allMatch(c -> c.id().startsWith("file.")));
        assertTrue(new Selection(List.of("LOGIN-4"), List.of()).from(all).stream().allMatch(c -> c.rules().contains("LOGIN-4")));
        assertFalse(new Selection(List.of("ext-*"), List.of()).from(all).isEmpty());
        assertEquals(new Selection(List.of("register.new"), List.of()).from(all).size(), 1);
    }

    @Test
    public void excludeWins() {
        List<ConformanceCase> s = new Selection(List.of("file.*"), List.of("*timeout*")).from(all);
        assertFalse(s.isEmpty());
        assertTrue(s.stream().noneMatch(c -> c.id().contains("timeout")));
    }
}
