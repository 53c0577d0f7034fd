package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code chat} protocol: where the server is, how long to wait, and where measurements go. Target and
 * metrics are suppliers because a simulation builds its protocol in the constructor, before {@code before()}
 * has started an embedded server and opened its HdrHistogram log; Gatling builds the protocol's
 * {@link ChatComponents} after {@code before()}, and they resolve both then.
 */
public final class ChatProtocol implements Protocol {
    public static final ProtocolKey<ChatProtocol, ChatComponents> KEY = new Key();

    private final Supplier<InetSocketAddress> target;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final Duration relayTimeout;
    private final Supplier<LoadMetrics> metrics;

    ChatProtocol(Supplier<InetSocketAddress> target, Duration connectTimeout, Duration replyTimeout,
                 Duration relayTimeout, Supplier<LoadMetrics> metrics) {
        this.target = Objects.requireNonNull(target, "target");
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
        this.relayTimeout = relayTimeout;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public InetSocketAddress target() {
        InetSocketAddress a = target.get();
        if (a == null) {
            throw new IllegalStateException("chat target not available (embedded server not started?)");
        }
        return a;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration replyTimeout() {
        return replyTimeout;
    }

    public Duration relayTimeout() {
        return relayTimeout;
    }

    /** The run's measurements; resolved once, by {@link ChatComponents}. */
    LoadMetrics metrics() {
        LoadMetrics m = metrics.get();
        if (m == null) {
            throw new IllegalStateException("chat metrics not available (the simulation's before() did not open them?)");
        }
        return m;
    }

    private static final class Key implements ProtocolKey<ChatProtocol, ChatComponents> {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Protocol> protocolClass() {
            return (Class) ChatProtocol.class;
        }

        @Override
        public ChatProtocol defaultProtocolValue(GatlingConfiguration configuration) {
            throw new IllegalStateException("chat actions need .protocols(ChatDsl.chat()...) on the scenario");
        }

        @Override
        public scala.Function1<ChatProtocol, ChatComponents> newComponents(CoreComponents core) {
            return protocol -> new ChatComponents(core, protocol);
        }
    }
}
