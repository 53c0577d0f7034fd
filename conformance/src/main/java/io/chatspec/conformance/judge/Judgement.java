package io.chatspec.conformance.judge;

import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;

import java.util.List;
import java.util.Map;

/**
 * A case as judged: its verdict, the line that explains it, a verdict per rule it reached, and its findings after
 * levels, claims and {@code --strict} were applied.
 */
public record Judgement(Verdict verdict, Map<String, Verdict> ruleVerdicts, String reason, String expected,
                        String observed, List<Finding> findings) {
}
