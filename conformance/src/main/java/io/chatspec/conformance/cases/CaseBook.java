package io.chatspec.conformance.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects the cases of one area with terse declarations: {@code core(id, title, "REG-1 REG-3", script)}. */
public final class CaseBook {
    private final String category;
    private final List<ConformanceCase> cases = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    public CaseBook(String category) {
        this.category = category;
    }

    public CaseBook core(String id, String title, String rules, Script script) {
        return add(id, title, rules, Phase.CORE, script);
    }

    public CaseBook risky(String id, String title, String rules, Script script) {
        return add(id, title, rules, Phase.RISKY, script);
    }

    public CaseBook slow(String id, String title, String rules, Script script) {
        return add(id, title, rules, Phase.SLOW, script);
    }

    private CaseBook add(String id, String title, String rules, Phase phase, Script script) {
        if (!ids.add(id)) {
            throw new IllegalStateException("duplicate case id " + id);
        }
        cases.add(new ConformanceCase(id, title, category, Arrays.asList(rules.trim().split("\\s+")), phase, script));
        return this;
    }

    public List<ConformanceCase> cases() {
        return List.copyOf(cases);
    }
}
