package io.chatspec.protocol.files;

import java.net.SocketException;

/**
 * Tells a TCP reset from other I/O failures. A server that closes a relay connection while bytes it never read
 * are still queued makes the kernel send RST instead of FIN (RFC 1122, 4.2.2.13); the peer then reads "connection
 * reset", not end-of-stream. For the relay that is still the server closing the connection, and must be judged
 * as a close, not as "still open".
 */
public final class ConnectionReset {
    private ConnectionReset() {
    }

    /** True when {@code e} (or a cause of it) says the peer reset the connection. */
    public static boolean isReset(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException && t.getMessage() != null) {
                String m = t.getMessage().toLowerCase(java.util.Locale.ROOT);
                // JDK wording on Linux/macOS ("Connection reset", "Connection reset by peer") and Windows
                // ("An existing connection was forcibly closed by the remote host")
                if (m.contains("connection reset") || m.contains("forcibly closed")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
