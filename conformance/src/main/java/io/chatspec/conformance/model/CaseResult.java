package io.chatspec.conformance.model;

import io.chatspec.protocol.client.TranscriptEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one case, as written to results.json (schema in docs/CONFORMANCE.md).
 *
 * @param rules        the rule IDs the case declares
 * @param ruleVerdicts verdict per rule this case reached (rules after an abort are absent)
 * @param reason       one line: why it is not PASS (null for PASS)
 * @param transcript   every client's messages and events, merged in wire order
 */
public record CaseResult(String id, String title, String category, List<String> rules, Verdict verdict,
                         Map<String, Verdict> ruleVerdicts, Instant startedAt, long durationMs, String reason,
                         String expected, String observed, List<Finding> findings, List<TranscriptEntry> transcript) {
}
