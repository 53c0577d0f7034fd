package io.chatspec.load.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The injector's delivered msgs/s against a plain client's on the same server, in the words every summary uses:
 * "injector reached X % of a plain client on this server".
 */
public final class BaselineComparison {
    /** Offered below this share of the plain client's rate: the percentage shows the offer, not the injector. */
    private static final double CAPPED = 0.97;
    /** The chat took this much longer than planned: the users did not keep their pace. */
    private static final double FELL_BEHIND = 1.05;

    private BaselineComparison() {
    }

    public static double percent(double injectorPerSecond, double plainPerSecond) {
        return plainPerSecond <= 0 ? 0 : Math.round(injectorPerSecond / plainPerSecond * 1000) / 10.0;
    }

    /**
     * The injector's side of the comparison.
     *
     * @param messagesPerSecond delivered msgs/s of the run's delivery request over its active window
     * @param offeredPerSecond  what the simulation asked for, since a paced run cannot exceed it
     * @param cpuSecondsPer10k  the injector process's CPU time over the chat phase (first message sent to last one
     *                          delivered) per 10k delivered messages; NaN when unknown
     * @param wholeRunCpuSecondsPer10k the same from the start of the run (JVM start-up, logins) to the end of its
     *                          load; NaN when unknown
     * @param includesServer    true when the server ran embedded in the injector's JVM, so its CPU is in the figure
     * @param activeSeconds     the delivery request's active window, first to last delivery
     * @param plannedSeconds    how long the offer should have taken: the ramp plus the chat's duration
     */
    public record Injector(double messagesPerSecond, double offeredPerSecond, double cpuSecondsPer10k,
                           double wholeRunCpuSecondsPer10k, boolean includesServer, double activeSeconds,
                           double plannedSeconds) {
    }

    /**
     * What keeps the percentage from meaning "the injector's limit", if anything: an offered rate the plain client
     * exceeds caps it, and users that fell behind such a rate were held back by their own replies or the injector's
     * CPU. Empty when the offer was at least the plain client's rate.
     */
    public static List<String> caveats(Injector injector, PlainChatBaseline.Result plain) {
        double offered = injector.offeredPerSecond();
        if (offered <= 0 || offered >= plain.messagesPerSecond() * CAPPED) {
            // offered at least what the plain client reached: falling short of it is the injector's own limit
            return List.of();
        }
        List<String> caveats = new ArrayList<>();
        caveats.add(String.format(Locale.ROOT, "the offered rate caps this at %.1f %%: offer more than %.0f msgs/s "
                + "to measure the injector's own limit", percent(offered, plain.messagesPerSecond()),
                plain.messagesPerSecond()));
        if (injector.plannedSeconds() > 0 && injector.activeSeconds() > injector.plannedSeconds() * FELL_BEHIND) {
            caveats.add(String.format(Locale.ROOT, "users fell behind the offered rate, which the plain client "
                    + "exceeds here: the chat took %.1f s where ramp and rate plan %.1f s; each user waits for its "
                    + "reply before its next message, as with Gatling's pace, so replies slower than the pace held "
                    + "them back, or the injector ran short of CPU; more users at the same rate give each more slack",
                    injector.activeSeconds(), injector.plannedSeconds()));
        }
        return caveats;
    }

    /**
     * The sentence every run prints; with two plain-client runs (before and after the load) the comparison is with
     * both together, and each one's rate is named.
     */
    public static String statement(Injector injector, List<PlainChatBaseline.Result> runs) {
        PlainChatBaseline.Result plain = combined(runs);
        String cpu = Double.isNaN(injector.cpuSecondsPer10k()) ? ""
                : String.format(Locale.ROOT, "; injector %.3f CPU-s per 10k messages in the chat phase%s, %.1f x the "
                        + "plain client (%.3f over the whole run with start-up and logins)",
                injector.cpuSecondsPer10k(), injector.includesServer() ? " incl. the embedded server" : "",
                plain.cpuSecondsPer10k() <= 0 ? 0 : injector.cpuSecondsPer10k() / plain.cpuSecondsPer10k(),
                injector.wholeRunCpuSecondsPer10k());
        String each = runs.size() < 2 ? "" : runs.stream()
                .map(r -> String.format(Locale.ROOT, "%.0f", r.messagesPerSecond()))
                .collect(Collectors.joining(" and ", " (before and after the load: ", ")"));
        return String.format(Locale.ROOT,
                "injector reached %.1f %% of a plain client on this server (%.0f vs %.0f msgs/s delivered, %.0f "
                        + "offered; plain client%s: %d pairs, window %d, %d chars, %.3f client CPU-s per 10k messages%s)",
                percent(injector.messagesPerSecond(), plain.messagesPerSecond()), injector.messagesPerSecond(),
                plain.messagesPerSecond(), injector.offeredPerSecond(), each, plain.pairs(), plain.window(),
                plain.messageSize(), plain.cpuSecondsPer10k(), cpu)
                + caveats(injector, plain).stream().map(c -> "; " + c).collect(Collectors.joining());
    }

    /** The plain-client runs as one: all their messages over all their time. */
    public static PlainChatBaseline.Result combined(List<PlainChatBaseline.Result> runs) {
        return runs.stream().reduce(PlainChatBaseline.Result::plus).orElseThrow();
    }

    /**
     * The summary's {@code plainClientBaseline} object: the plain client's figures over all its runs, each run's
     * own under {@code runs}, the injector's beside them.
     */
    public static Map<String, Object> toMap(Injector injector, List<PlainChatBaseline.Result> runs) {
        PlainChatBaseline.Result plain = combined(runs);
        Map<String, Object> m = new LinkedHashMap<>(plain.toMap());
        m.put("runs", runs.stream().map(PlainChatBaseline.Result::toMap).toList());
        m.put("injectorMessagesPerSecond", Math.round(injector.messagesPerSecond() * 1000) / 1000.0);
        m.put("injectorPercentOfPlainClient", percent(injector.messagesPerSecond(), plain.messagesPerSecond()));
        m.put("offeredMessagesPerSecond", injector.offeredPerSecond());
        if (!Double.isNaN(injector.cpuSecondsPer10k())) {
            m.put("injectorCpuSecondsPer10k", Math.round(injector.cpuSecondsPer10k() * 10000) / 10000.0);
            m.put("injectorCpuSecondsPer10kWholeRun", Math.round(injector.wholeRunCpuSecondsPer10k() * 10000) / 10000.0);
            m.put("injectorCpuIncludesServer", injector.includesServer());
        }
        m.put("caveats", caveats(injector, plain));
        m.put("statement", statement(injector, runs));
        return m;
    }
}
