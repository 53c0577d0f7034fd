package io.chatspec.conformance.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.CheckFailure;
import io.chatspec.conformance.dsl.Expect;
import io.chatspec.conformance.dsl.RelayParty;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.files.FileRelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.protocol.Commands.RECV_FILE_PORT_REPLY;
import static io.chatspec.protocol.Commands.SEND_FILE_PORT_REPLY;

/**
 * File transfer steps shared by the file cases, in the seed's order: the sender may connect to its relay port as
 * soon as it has {@code send_file_port_reply}; the receiver's {@code recv_file_port_reply} may come before that or
 * only after the sender connected (the seed fixes no order, and real servers announce the receiver's port only once
 * they know the sender is there). A receiver can therefore connect first only on servers that announce early.
 */
final class Transfers {
    static final String RECEIVER_CANNOT_CONNECT_FIRST = "receiver cannot connect first";

    private Transfers() {
    }

    /** One announced transfer: the sender's relay port, and what the receiver's port message must repeat. */
    static final class Announced {
        private final InetSocketAddress relay;
        private final JsonNode port;
        private final JsonNode length;
        private final String filename;
        private final Actor receiver;
        private boolean receiverHasPort;

        Announced(InetSocketAddress relay, JsonNode port, JsonNode length, String filename, Actor receiver) {
            this.relay = relay;
            this.port = port;
            this.length = length;
            this.filename = filename;
            this.receiver = receiver;
        }

        InetSocketAddress relay() {
            return relay;
        }

        long length() {
            return length.asLong();
        }
    }

    /** Sends {@code send_file} and checks the sender's port reply (FILE-2, FILE-4, FILE-5, MSG-3). */
    static Announced announce(Scenario s, Actor from, Actor to, long length, String filename) {
        return announce(s, from, to, s.sendFile(from, to, length, filename));
    }

    static Announced announce(Scenario s, Actor from, Actor to, Message sendFile) {
        JsonNode length = sendFile.get("length");
        String filename = sendFile.text("filename");
        s.takeRelayTurn();
        s.checks("FILE-2", "FILE-4", "FILE-5", "MSG-3");
        from.sends(sendFile);
        // stops on a near miss: the relay port closes at the transfer timeout, so nothing after it could be judged
        Message portReply = from.receives(msg(SEND_FILE_PORT_REPLY).rule("FILE-2").withPort()
                .withExactType("length", length).fieldRule("length", "MSG-3")
                .with("filename", filename).fieldRule("filename", "FILE-5").stopsOnMismatch());
        InetSocketAddress control = s.env().address();
        return new Announced(new InetSocketAddress(control.getHostString(), portReply.get("port").asInt()),
                portReply.get("port"), length, filename, to);
    }

    /** The receiver's port message, each field judged by its own rule: missing or another port FILE-3. */
    private static Expect receiverPortMessage(Announced t) {
        return msg(RECV_FILE_PORT_REPLY).rule("FILE-3").withPortOf(t.port)
                .withExactType("length", t.length).fieldRule("length", "MSG-3")
                .with("filename", t.filename).fieldRule("filename", "FILE-5").stopsOnMismatch();
    }

    /**
     * Waits for the receiver's port message, at most the transfer timeout (FILE-3): call it once the sender is
     * connected, or when it has already arrived.
     */
    static void awaitReceiverPort(Scenario s, Announced t) {
        if (t.receiverHasPort) {
            return;
        }
        s.checks("FILE-3", "FILE-4", "FILE-5", "MSG-3");
        t.receiver.receives(receiverPortMessage(t), s.transferTimeout());
        t.receiverHasPort = true;
    }

    /**
     * Whether the receiver has its port message before any relay party connected, so it can connect first. The wait
     * is short of the transfer timeout, so the sender still has time to connect when the answer is no.
     */
    static boolean receiverCanConnectFirst(Scenario s, Announced t) {
        if (t.receiverHasPort) {
            return true;
        }
        return s.arrives(t.receiver, m -> RECV_FILE_PORT_REPLY.equals(m.cmd()), firstWait(s));
    }

    private static Duration firstWait(Scenario s) {
        Duration half = s.transferTimeout().dividedBy(2);
        return half.compareTo(s.replyTimeout()) < 0 ? half : s.replyTimeout();
    }

    private static String cannotConnectFirst(Scenario s) {
        return RECEIVER_CANNOT_CONNECT_FIRST + ": recv_file_port_reply did not arrive within " + firstWait(s).toMillis()
                + " ms of send_file_port_reply, only after the sender connected to the relay port (the seed fixes no"
                + " order)";
    }

    /** Ends a 0-byte transfer announced by {@code portReply}: both parties connect, the server closes (best effort). */
    static void finishEmpty(Scenario s, Message portReply) {
        if (portReply.get("port") == null || !portReply.get("port").isInt()) {
            return;
        }
        InetSocketAddress relay = new InetSocketAddress(s.env().address().getHostString(), portReply.get("port").asInt());
        // sender first: servers that take the first connection as the sender need this order
        try (RelayParty sender = RelayParty.connect(relay, s.replyTimeout());
             RelayParty receiver = RelayParty.connect(relay, s.replyTimeout())) {
            receiver.awaitClosedByServer(s.replyTimeout());
        } catch (IOException ignored) {
            // courtesy: the case's verdict does not depend on it
        }
    }

    static RelayParty connect(Scenario s, Announced t, String who) {
        try {
            return s.track(RelayParty.connect(t.relay(), s.replyTimeout()));
        } catch (IOException e) {
            s.checks("FILE-4");
            throw new CheckFailure(s.currentRules(), who + " could not connect to relay port "
                    + t.relay().getPort() + ": " + e.getMessage(), "port accepts TCP connections", e.toString());
        }
    }

    /**
     * Relays {@code t.length()} generated bytes (plus {@code excess} more written by the sender) with the given
     * connect order and checks what the receiver read: exact bytes, then end-of-stream (FILE-9).
     */
    static void relay(Scenario s, Announced t, boolean senderFirst, long excess, String rule) {
        verify(s, start(s, t, senderFirst, excess, rule), rule);
    }

    /** A transfer whose relay parties are connected and whose bytes are on their way. */
    record Running(Announced t, long seed, long excess, RelayParty sender, CompletableFuture<RelayParty.Received> received) {
    }

    /**
     * Connects both relay parties in the given order and starts writing and reading; on the case thread, so that
     * several transfers can overlap without touching the scenario from other threads. Receiver first on a server
     * that announces the receiver's port only after the sender connected ends the case as INFO.
     */
    static Running start(Scenario s, Announced t, boolean senderFirst, long excess, String rule) {
        long seed = t.relay().getPort() * 31L + t.length();
        Duration deadline = s.transferTimeout().plus(s.replyTimeout());
        RelayParty sender;
        RelayParty receiver;
        CompletableFuture<RelayParty.Received> received;
        if (senderFirst) {
            s.checks(rule, "FILE-6");
            sender = connect(s, t, "sender");
            sender.writeGenerated(seed, t.length() + excess);
            RelayParty.await(sender.firstChunkWritten(), deadline);
            awaitReceiverPort(s, t);
            s.checks(rule, "FILE-6");
            receiver = connect(s, t, "receiver");
            received = receiver.readToEnd(deadline);
        } else {
            if (!receiverCanConnectFirst(s, t)) {
                sender = connect(s, t, "sender");
                awaitReceiverPort(s, t);
                finishQuietly(s, t, sender, seed);
                s.checks(rule);
                throw s.cannotRun(rule, cannotConnectFirst(s));
            }
            awaitReceiverPort(s, t);
            s.checks(rule, "FILE-6");
            receiver = connect(s, t, "receiver");
            received = receiver.readToEnd(deadline);
            sender = connect(s, t, "sender");
            sender.writeGenerated(seed, t.length() + excess);
        }
        return new Running(t, seed, excess, sender, received);
    }

    /**
     * A transfer the case does not judge still runs to its end, so the server is not left holding it until its
     * timeout (where a fragile server may fall over and be blamed on a later case).
     */
    private static void finishQuietly(Scenario s, Announced t, RelayParty sender, long seed) {
        try {
            sender.writeGenerated(seed, t.length());
            RelayParty receiver = s.track(RelayParty.connect(t.relay(), s.replyTimeout()));
            RelayParty.await(receiver.readToEnd(s.replyTimeout()), s.replyTimeout().plusSeconds(1));
        } catch (IOException | RuntimeException ignored) {
            // courtesy only
        }
    }

    /**
     * Ends a case that needs the receiver connected before the sender as INFO, after {@link #receiverCanConnectFirst}
     * said no: nothing is wrong with the server, the situation just cannot be set up on it.
     */
    static RuntimeException receiverCannotConnectFirst(Scenario s, String rule) {
        s.checks(rule);
        return s.cannotRun(rule, RECEIVER_CANNOT_CONNECT_FIRST + ": no recv_file_port_reply within "
                + firstWait(s).toMillis() + " ms of send_file_port_reply, before any relay connection (the seed fixes"
                + " no order)");
    }

    /** Waits for what the receiver read and judges it: exact bytes, then end-of-stream (FILE-9). */
    static void verify(Scenario s, Running run, String rule) {
        Announced t = run.t();
        long seed = run.seed();
        long excess = run.excess();
        RelayParty sender = run.sender();
        s.checks(rule, "FILE-6");
        Duration deadline = s.transferTimeout().plus(s.replyTimeout());
        RelayParty.Received r = RelayParty.await(run.received(), deadline.plusSeconds(1));
        String expectedSha = FileRelay.sha256OfGenerated(seed, t.length());
        String expected = t.length() + " bytes with SHA-256 " + expectedSha + ", then end-of-stream";
        s.checks(excess > 0 ? new String[]{rule, "FILE-10"} : new String[]{rule});
        s.require(r != null && r.bytes() >= 0, "receiver read nothing conclusive", expected, String.valueOf(r));
        s.require(r.bytes() <= t.length() || excess == 0, "receiver got " + (r.bytes() - t.length())
                + " bytes beyond the announced length", expected, r.bytes() + " bytes");
        s.require(r.bytes() == t.length() && r.sha256().equals(expectedSha), "receiver got different bytes",
                expected, r.bytes() + " bytes with SHA-256 " + r.sha256()
                        + (r.error() != null ? " (" + r.error() + ")" : ""));
        s.checks("FILE-9");
        s.require(r.endOfStream(), "receiver connection not closed after " + t.length() + " bytes", expected,
                r.error());
        s.require(sender.awaitClosedByServer(s.replyTimeout()), "sender relay connection not closed after the transfer",
                "server closes the sender's relay connection", "still open after " + s.replyTimeout().toMillis() + " ms");
    }
}
