package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
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
    private final Supplier<LoadMetrics> metrics;

    ChatProtocolBuilder(Supplier<InetSocketAddress> target, Duration connectTimeout, Duration replyTimeout,
                        Duration relayTimeout, Supplier<LoadMetrics> metrics) {
        this.target = target;
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
        this.relayTimeout = relayTimeout;
        this.metrics = metrics;
    }

    /** Without {@link #metrics}, the protocol measures into an in-memory {@link LoadMetrics} of its own. */
    public static ChatProtocolBuilder defaults() {
        LoadMetrics own = LoadMetrics.inMemory("local");
        return new ChatProtocolBuilder(() -> null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60), () -> own);
    }

    public ChatProtocolBuilder target(String host, int port) {
        InetSocketAddress a = InetSocketAddress.createUnresolved(host, port);
        return target(() -> new InetSocketAddress(a.getHostString(), a.getPort()));
    }

    /** A target known only when the simulation runs (an embedded server started in {@code before()}). */
    public ChatProtocolBuilder target(Supplier<InetSocketAddress> t) {
        return new ChatProtocolBuilder(t, connectTimeout, replyTimeout, relayTimeout, metrics);
    }

    public ChatProtocolBuilder connectTimeout(Duration d) {
        return new ChatProtocolBuilder(target, d, replyTimeout, relayTimeout, metrics);
    }

    /** How long a command waits for its reply, and a receiver for a delivery, before the request is KO. */
    public ChatProtocolBuilder replyTimeout(Duration d) {
        return new ChatProtocolBuilder(target, connectTimeout, d, relayTimeout, metrics);
    }

    /** Deadline for one relayed file transfer (either side). */
    public ChatProtocolBuilder relayTimeout(Duration d) {
        return new ChatProtocolBuilder(target, connectTimeout, replyTimeout, d, metrics);
    }

    /**
     * Where every action records (HdrHistograms, delivery counters, transfers): a supplier, as a simulation
     * opens its metrics in {@code before()}, after it built the protocol.
     */
    public ChatProtocolBuilder metrics(Supplier<LoadMetrics> m) {
        return new ChatProtocolBuilder(target, connectTimeout, replyTimeout, relayTimeout, m);
    }

    @Override
    public Protocol protocol() {
        return new ChatProtocol(target, connectTimeout, replyTimeout, relayTimeout, metrics);
    }
}
