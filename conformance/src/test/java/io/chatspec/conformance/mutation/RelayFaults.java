package io.chatspec.conformance.mutation;

import io.chatspec.protocol.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Relay behaviours seen in real servers, laid over the reference server by a {@link ProxyRelay}. All are allowed by
 * the seed or merely miss a SHOULD, so none may FAIL a case: the suite must relay in the seed's order, report what
 * it cannot set up as INFO, and take a TCP reset as a close.
 */
final class RelayFaults {
    private RelayFaults() {
    }

    static List<Mutant> all() {
        return List.of(
                // the receiver-first cases become INFO ("receiver cannot connect first"); nothing FAILs
                new RelayFault("tolerated-recv-port-after-sender-connects", new ProxyRelay.Behaviour(true, false, false),
                        "file.*", Set.of()),
                // overlapping transfers share the port: FILE-16 (SHOULD) is NON-STRICT; single transfers pass, also
                // with cases in parallel (the harness runs one transfer at a time)
                new RelayFault("tolerated-one-fixed-relay-port", new ProxyRelay.Behaviour(true, true, false),
                        "file.*", Set.of("FILE-16")),
                // FILE-9 and FILE-15 must count the reset as the server closing the connection
                new RelayFault("tolerated-relay-reset-with-unread-bytes", new ProxyRelay.Behaviour(false, false, true),
                        "file.relay.* file.timeout.receiver-absent file.excess-bytes", Set.of()));
    }

    /** A tolerated relay fault: its {@link ProxyRelay} lives as long as the proxy that runs it. */
    static final class RelayFault implements Mutant {
        private static final String KEY = "proxy-relay";
        private final String name;
        private final ProxyRelay.Behaviour behaviour;
        private final List<String> cases;
        private final Set<String> nonStrict;

        RelayFault(String name, ProxyRelay.Behaviour behaviour, String cases, Set<String> nonStrict) {
            this.name = name;
            this.behaviour = behaviour;
            this.cases = Arrays.asList(cases.split(" "));
            this.nonStrict = nonStrict;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> expectedRules() {
            return Set.of();
        }

        @Override
        public Set<String> nonStrictRules() {
            return nonStrict;
        }

        @Override
        public List<String> cases() {
            return cases;
        }

        @Override
        public List<Message> fromServer(FaultProxy.Conn conn, Message m) {
            ProxyRelay relay = (ProxyRelay) conn.proxy().memory.computeIfAbsent(KEY, k -> {
                try {
                    return new ProxyRelay(conn.proxy().upstreamHost(), behaviour);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return relay.fromServer(conn, m);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
