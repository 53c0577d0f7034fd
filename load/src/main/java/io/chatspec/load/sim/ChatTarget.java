package io.chatspec.load.sim;

import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;

import java.net.InetSocketAddress;

/**
 * The server under load: {@code -Dchatspec.target=host:port}, or with no target an embedded reference server on
 * a free port, started by the simulation's {@code before()} and stopped by its {@code after()}.
 */
public final class ChatTarget {
    private final InetSocketAddress fixed;
    private volatile ReferenceServer embedded;

    private ChatTarget(InetSocketAddress fixed) {
        this.fixed = fixed;
    }

    public static ChatTarget fromProperties() {
        String t = Params.string("target", null);
        if (t == null) {
            return new ChatTarget(null);
        }
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("chatspec.target must be host:port, got " + t);
        }
        return new ChatTarget(new InetSocketAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1))));
    }

    public boolean isEmbedded() {
        return fixed == null;
    }

    public void start() {
        if (fixed == null && embedded == null) {
            embedded = ReferenceServer.start(ServerConfig.ephemeral());
        }
    }

    /** The address to connect to; null before {@link #start()} for an embedded target. */
    public InetSocketAddress address() {
        if (fixed != null) {
            return fixed;
        }
        ReferenceServer s = embedded;
        return s == null ? null : s.address();
    }

    public String describe() {
        return fixed != null ? fixed.getHostString() + ":" + fixed.getPort()
                : "embedded reference server" + (embedded == null ? "" : " on port " + embedded.port());
    }

    public void stop() {
        ReferenceServer s = embedded;
        embedded = null;
        if (s != null) {
            s.close();
        }
    }
}
