package io.chatspec.conformance.model;

import java.time.Instant;
import java.util.List;

/**
 * One time the target stopped serving during a run and the harness brought it back, as listed in results.json.
 *
 * @param at          when the harness found it down
 * @param phase       the phase that was running (CORE, RISKY, SLOW)
 * @param inFlight    the cases running (or re-run) when it went down, plus cases whose transfer deadline was near
 * @param blamed      the case held responsible, or null when no single case was (see {@code rule})
 * @param rule        the rule the crash FAILs when no single case crashes it alone (FRAME-12), else null
 * @param why         one line: how the blame was settled
 * @param exitStatus  how the old process ended, where the harness started it ({@code exit 134 (SIGABRT)}), else null
 */
public record Restart(Instant at, String phase, List<String> inFlight, String blamed, String rule, String why,
                      String exitStatus) {
}
