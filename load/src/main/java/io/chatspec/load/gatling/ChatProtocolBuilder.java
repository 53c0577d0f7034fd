package io.chatspec.load.gatling;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/** Fluent, immutable builder of {@link ChatProtocol}: {@code chat().target("host", 8888).replyTimeout(...)}. */
public final class ChatProtocolBuilder implements ProtocolBuilder {
    private final Supplier<InetSocketAddress> target;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final Duration relayTimeout;

    ChatProtocolBuilder(Supplier<InetSocketAddress> target, Duration connectTimeout, Duration replyTimeout,
                        Duration relayTimeout) {
        this.target = target;
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
        this.relayTimeout = relayTimeout;
    }

    public static ChatProtocolBuilder defaults() {
        return new ChatProtocolBuilder(() -> null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    public ChatProtocolBuilder target(String host, int port) {
        InetSocketAddress a = InetSocketAddress.createUnresolved(host, port);
        return target(() -> new InetSocketAddress(a.getHostString(), a.getPort()));
    }

    /** A target known only when the simulation runs (an embedded server started in {@code before()}). */
    public ChatProtocolBuilder target(Supplier<InetSocketAddress> t) {
        return new ChatProtocolBuilder(t, connectTimeout, replyTimeout, relayTimeout);
    }

    public ChatProtocolBuilder connectTimeout(Duration d) {
        return new ChatProtocolBuilder(target, d, replyTimeout, relayTimeout);
    }

    /** How long a command waits for its reply, and a receiver for a delivery, before the request is KO. */
    public ChatProtocolBuilder replyTimeout(Duration d) {
        return new ChatProtocolBuilder(target, connectTimeout, d, relayTimeout);
    }

    /** Deadline for one relayed file transfer (either side). */
    public ChatProtocolBuilder relayTimeout(Duration d) {
        return new ChatProtocolBuilder(target, connectTimeout, replyTimeout, d);
    }

    @Override
    public Protocol protocol() {
        return new ChatProtocol(target, connectTimeout, replyTimeout, relayTimeout);
    }
}
