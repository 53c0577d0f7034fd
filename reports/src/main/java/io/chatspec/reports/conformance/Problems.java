package io.chatspec.reports.conformance;

import io.chatspec.reports.conformance.ConformanceRun.CaseResult;
import io.chatspec.reports.conformance.ConformanceRun.Finding;
import io.chatspec.reports.conformance.ConformanceRun.TranscriptEntry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What went wrong in one case, tied to the wire: the failing (or tolerated) expectations and the transcript
 * entries that are their "observed" side. Both the diagram and the raw transcript highlight from this one place,
 * so they can never disagree.
 */
public record Problems(List<Problem> problems, Set<Long> highlightedSeqs) {

    /** One broken expectation; {@code client} is the lifeline it concerns when the harness named one. */
    public record Problem(String rule, String verdict, String message, String expected, String observed,
                          String client) {
    }

    private static final Set<String> SHOWN = Set.of("FAIL", "ERROR", "NON-STRICT");

    public static Problems of(CaseResult c) {
        Set<String> clients = new LinkedHashSet<>();
        c.transcript().forEach(e -> clients.add(e.client()));

        List<Problem> problems = new ArrayList<>();
        for (Finding f : c.findings()) {
            if (SHOWN.contains(f.verdict())) {
                problems.add(new Problem(f.rule(), f.verdict(), f.message(), f.expected(), f.observed(),
                        namedClient(f.message(), clients)));
            }
        }
        // A FAIL/ERROR without findings (crash, harness-level) still has the case's reason to show.
        if (problems.isEmpty() && SHOWN.contains(c.verdict()) && c.reason() != null) {
            problems.add(new Problem(null, c.verdict(), c.reason(), c.expected(), c.observed(),
                    namedClient(c.reason(), clients)));
        }

        // The unwanted message is the last match: a duplicate or late message follows the legitimate one.
        Set<Long> seqs = new LinkedHashSet<>();
        for (Problem p : problems) {
            c.transcript().stream().filter(e -> e.isReceived() && isObservedMessage(p, e))
                    .map(TranscriptEntry::seq).reduce((a, b) -> b).ifPresent(seqs::add);
        }
        return new Problems(List.copyOf(problems), seqs);
    }

    /** A message the harness waited for and never saw (observed "nothing"): drawn as a lost arrow. */
    public static boolean isMissingMessage(Problem p) {
        return p.client() != null && p.expected() != null && p.expected().startsWith("{")
                && "nothing".equals(p.observed());
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The harness writes "bob did not receive ...": the first word names the client when it is one. */
    private static String namedClient(String message, Set<String> clients) {
        if (message == null) {
            return null;
        }
        String first = message.strip().split("[\\s:,]", 2)[0];
        return clients.contains(first) ? first : null;
    }

    private static boolean isObservedMessage(Problem p, TranscriptEntry e) {
        if (p.observed() == null || e.text() == null || e.text().isBlank()) {
            return false;
        }
        if (p.client() != null && !p.client().equals(e.client())) {
            return false;
        }
        String observed = p.observed().strip();
        String text = e.text().strip();
        return observed.equals(text) || (text.length() > 2 && observed.contains(text));
    }
}
