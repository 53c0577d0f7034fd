package io.chatspec.conformance.target;

import io.chatspec.conformance.catalog.Extension;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;

/** A server someone else runs: the harness only connects to it. Claims no extension unless told. */
public final class ExternalTarget implements Target {
    private final InetSocketAddress address;

    public ExternalTarget(InetSocketAddress address) {
        this.address = address;
    }

    /** {@code host:port}, {@code :port} or {@code port} (host defaults to 127.0.0.1). */
    public static InetSocketAddress parseAddress(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        String host = colon <= 0 ? "127.0.0.1" : t.substring(0, colon);
        String port = colon < 0 ? t : t.substring(colon + 1);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target must be host:port, got '" + text + "'");
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + p);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, p);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String describe() {
        return "external server " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public Set<Extension> defaultClaims() {
        return EnumSet.noneOf(Extension.class);
    }
}
