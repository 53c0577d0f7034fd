package io.chatspec.conformance.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Is anything accepting TCP connections at the target address? */
public final class Probe {
    private Probe() {
    }

    public static boolean answers(InetSocketAddress address, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
