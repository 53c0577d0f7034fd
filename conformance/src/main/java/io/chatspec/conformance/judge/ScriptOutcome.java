package io.chatspec.conformance.judge;

import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;

import java.util.List;
import java.util.Set;

/**
 * What running one case's script left behind, before any verdict policy: the raw findings and how the script ended.
 *
 * @param findings  raw findings in the order they were made (a rule of null: a check before the case named its rules)
 * @param forced    the verdict the way the script stopped imposes (SKIPPED, INFO, ERROR), null when it did not
 * @param reason    why it stopped, null when it completed
 * @param expected  what the failing check expected, if one failed
 * @param observed  what the failing check saw, if one failed
 * @param completed whether the script ran to its end
 * @param stopped   rules whose step stopped on another rule's failure before they could be seen to hold
 * @param checked   every rule the script announced it was checking
 * @param current   the rules being checked when the script ended
 */
public record ScriptOutcome(List<Finding> findings, Verdict forced, String reason, String expected, String observed,
                            boolean completed, List<String> stopped, Set<String> checked, List<String> current) {
    public ScriptOutcome {
        findings = List.copyOf(findings);
    }
}
