package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.cli.DurationConverter;
import org.testng.annotations.Test;

import java.time.Duration;
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

    @Test
    public void durations() {
        assertEquals(DurationConverter.parse("2s"), Duration.ofSeconds(2));
        assertEquals(DurationConverter.parse("300ms"), Duration.ofMillis(300));
        assertEquals(DurationConverter.parse("1.5s"), Duration.ofMillis(1500));
        assertEquals(DurationConverter.parse("250"), Duration.ofMillis(250));
    }
}
