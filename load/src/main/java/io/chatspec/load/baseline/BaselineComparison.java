package io.chatspec.load.baseline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The injector's delivered msgs/s against a plain client's on the same server, in the words every summary uses:
 * "injector reached X % of a plain client on this server".
 */
public final class BaselineComparison {
    private BaselineComparison() {
    }

    public static double percent(double injectorPerSecond, double plainPerSecond) {
        return plainPerSecond <= 0 ? 0 : Math.round(injectorPerSecond / plainPerSecond * 1000) / 10.0;
    }

    /** {@code offeredPerSecond}: what the simulation asked for, since a paced run cannot exceed it. */
    public static String statement(double injectorPerSecond, double offeredPerSecond, PlainChatBaseline.Result plain) {
        return String.format(Locale.ROOT,
                "injector reached %.1f %% of a plain client on this server (%.0f vs %.0f msgs/s delivered, %.0f "
                        + "offered; plain client: %d pairs, window %d, %d chars, %.3f client CPU-s per 10k messages)",
                percent(injectorPerSecond, plain.messagesPerSecond()), injectorPerSecond, plain.messagesPerSecond(),
                offeredPerSecond, plain.pairs(), plain.window(), plain.messageSize(), plain.cpuSecondsPer10k());
    }

    /** The summary's {@code plainClientBaseline} object. */
    public static Map<String, Object> toMap(double injectorPerSecond, double offeredPerSecond,
                                            PlainChatBaseline.Result plain) {
        Map<String, Object> m = new LinkedHashMap<>(plain.toMap());
        m.put("injectorMessagesPerSecond", Math.round(injectorPerSecond * 1000) / 1000.0);
        m.put("injectorPercentOfPlainClient", percent(injectorPerSecond, plain.messagesPerSecond()));
        m.put("offeredMessagesPerSecond", offeredPerSecond);
        m.put("statement", statement(injectorPerSecond, offeredPerSecond, plain));
        return m;
    }
}
