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
