package io.chatspec.conformance;

import io.chatspec.conformance.target.EmbeddedTarget;

import java.time.Duration;

/** One embedded reference server for the whole test JVM, with a short relay timeout so timeout cases are quick. */
public final class EmbeddedServerHolder {
    public static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(1);
    private static EmbeddedTarget server;

    private EmbeddedServerHolder() {
    }

    public static synchronized EmbeddedTarget get() {
        if (server == null) {
            server = EmbeddedTarget.start(TRANSFER_TIMEOUT);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** Set when the suite should test a server someone else runs (mvn test -Dchatspec.target=host:port). */
    public static String externalTarget() {
        String t = System.getProperty("chatspec.target", "").trim();
        return t.isEmpty() ? null : t;
    }
}
