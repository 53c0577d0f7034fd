package io.chatspec.protocol.files;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * A second loopback address, 127.0.0.2, from which a test or a conformance case plays an outsider to a relay
 * transfer whose parties are on 127.0.0.1 (LIMIT-7: the relay admits only the parties' addresses). Linux routes
 * all of 127.0.0.0/8 to loopback; macOS has only 127.0.0.1, so callers skip where {@link #probe()} fails.
 */
public final class OutsiderAddress {
    public static final String LOOPBACK_OUTSIDER = "127.0.0.2";

    private OutsiderAddress() {
    }

    /** The address, once a socket could bind it; otherwise the bind's error, for the caller's skip message. */
    public static InetAddress probe() throws IOException {
        InetAddress other = InetAddress.getByName(LOOPBACK_OUTSIDER);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(other, 0));
        }
        return other;
    }

    /** The address, or empty where this host cannot bind it. */
    public static Optional<InetAddress> find() {
        try {
            return Optional.of(probe());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
