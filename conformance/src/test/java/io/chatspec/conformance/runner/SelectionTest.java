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
        assertTrue(Selection.apply(all, List.of("file.*"), List.of()).stream().allMatch(c -> c.id().startsWith("file.")));
        assertTrue(Selection.apply(all, List.of("LOGIN-4"), List.of()).stream().allMatch(c -> c.rules().contains("LOGIN-4")));
        assertFalse(Selection.apply(all, List.of("ext-*"), List.of()).isEmpty());
        assertEquals(Selection.apply(all, List.of("register.new"), List.of()).size(), 1);
    }

    @Test
    public void excludeWins() {
        List<ConformanceCase> s = Selection.apply(all, List.of("file.*"), List.of("*timeout*"));
        assertFalse(s.isEmpty());
        assertTrue(s.stream().noneMatch(c -> c.id().contains("timeout")));
    }
}
