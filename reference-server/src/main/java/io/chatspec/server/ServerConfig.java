package io.chatspec.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server can be told at start.
 *
 * @param host            address to listen on, for chat and relay ports alike
 * @param port            chat port; 0 picks a free one (see {@link ReferenceServer#port()})
 * @param transferTimeout how long both parties of a file transfer have to connect to the relay port
 * @param relayPorts      where relay listeners bind
 * @param maxMessageSize  longest accepted message in bytes; longer ones get {@code too_large} and a close
 * @param limits          what clients may hold and for how long: memory budget, connections, deadlines, names
 */
public record ServerConfig(String host, int port, Duration transferTimeout, RelayPortRange relayPorts,
                           int maxMessageSize, ServerLimits limits) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8888;
    public static final Duration DEFAULT_TRANSFER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transferTimeout, "transferTimeout");
        Objects.requireNonNull(relayPorts, "relayPorts");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (transferTimeout.isNegative() || transferTimeout.isZero()) {
            throw new IllegalArgumentException("transfer timeout must be positive, got " + transferTimeout);
        }
        if (maxMessageSize < 2) {
            throw new IllegalArgumentException("max message size must be at least 2 bytes, got " + maxMessageSize);
        }
    }

    /** With the default {@link ServerLimits}. */
    public ServerConfig(String host, int port, Duration transferTimeout, RelayPortRange relayPorts, int maxMessageSize) {
        this(host, port, transferTimeout, relayPorts, maxMessageSize, ServerLimits.defaults());
    }

    /**
     * The documented defaults: 127.0.0.1:8888, 10 s transfer timeout, ephemeral relay ports, 64 KiB messages,
     * {@link ServerLimits#defaults()}.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TRANSFER_TIMEOUT, RelayPortRange.EPHEMERAL,
                DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** Defaults on a free port: what embedding tests and simulations want. */
    public static ServerConfig ephemeral() {
        return defaults().withPort(0);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, transferTimeout, relayPorts, maxMessageSize, limits);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, transferTimeout, relayPorts, maxMessageSize, limits);
    }

    public ServerConfig withTransferTimeout(Duration t) {
        return new ServerConfig(host, port, t, relayPorts, maxMessageSize, limits);
    }

    public ServerConfig withRelayPorts(RelayPortRange r) {
        return new ServerConfig(host, port, transferTimeout, r, maxMessageSize, limits);
    }

    public ServerConfig withMaxMessageSize(int bytes) {
        return new ServerConfig(host, port, transferTimeout, relayPorts, bytes, limits);
    }

    public ServerConfig withLimits(ServerLimits l) {
        return new ServerConfig(host, port, transferTimeout, relayPorts, maxMessageSize, l);
    }
}
