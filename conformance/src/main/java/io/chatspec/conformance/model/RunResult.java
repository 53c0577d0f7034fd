package io.chatspec.conformance.model;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A whole run: what was tested, with which settings, and every case result in report order. */
public record RunResult(String target, Set<String> claims, String specVersion, String runTag, Instant startedAt,
                        long durationMs, boolean strict, Map<String, Object> options, List<CaseResult> cases,
                        List<Restart> restarts) {

    /** A run during which the target never had to be restarted. */
    public RunResult(String target, Set<String> claims, String specVersion, String runTag, Instant startedAt,
                     long durationMs, boolean strict, Map<String, Object> options, List<CaseResult> cases) {
        this(target, claims, specVersion, runTag, startedAt, durationMs, strict, options, cases, List.of());
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        cases.forEach(c -> m.merge(c.verdict(), 1, Integer::sum));
        return m;
    }

    /** 0 nothing failed; 1 a case failed; 2 the target could not be reached (ERROR). */
    public int exitCode() {
        Map<Verdict, Integer> c = counts();
        // a run that needed --alias judged a server that does not speak the spec's names: never a pass
        if (c.get(Verdict.FAIL) > 0 || !aliases().isEmpty()) {
            return 1;
        }
        return c.get(Verdict.ERROR) > 0 ? 2 : 0;
    }

    /** The {@code --alias} pairs in force, server name to spec name (empty when none). */
    @SuppressWarnings("unchecked")
    public Map<String, String> aliases() {
        Object a = options == null ? null : options.get("aliases");
        return a instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }
}
