package io.chatspec.conformance.dsl;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.settings.RunSettings;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.Supplier;

/** What a case sees of the run: where the target is, pacing, claims, the name source and how to restart it. */
public record CaseEnv(Supplier<InetSocketAddress> target, RunSettings settings, Set<Extension> claims, Names names,
                      RuleCatalog catalog, Restarter restarter) {

    /** A run whose target cannot be restarted by the cases. */
    public CaseEnv(Supplier<InetSocketAddress> target, RunSettings settings, Set<Extension> claims, Names names,
                   RuleCatalog catalog) {
        this(target, settings, claims, names, catalog, Restarter.NONE);
    }

    public InetSocketAddress address() {
        return target.get();
    }

    public boolean claims(Extension e) {
        return claims.contains(e);
    }
}
