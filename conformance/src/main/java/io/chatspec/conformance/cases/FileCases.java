package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.RelayParty;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Command 10: file transfer over relay ports. */
final class FileCases {
    private FileCases() {
    }

    private static Script relayCase(long length, boolean senderFirst) {
        return s -> {
            Actor alice = s.user("alice");
            Actor bob = s.user("bob");
            s.friends(alice, bob);
            Transfers.Announced t = Transfers.announce(s, alice, bob, length, "f" + length + ".bin");
            Transfers.relay(s, t, senderFirst, 0, length == 0 ? "FILE-11" : senderFirst ? "FILE-8" : "FILE-7");
        };
    }

    static List<ConformanceCase> files() {
        CaseBook book = new CaseBook("file");
        for (long len : new long[]{0, 1, 64 * 1024, 8 * 1024 * 1024}) {
            String size = len == 0 ? "0b" : len == 1 ? "1b" : len == 65536 ? "64kib" : "8mib";
            String shown = len == 0 ? "0 B" : len == 1 ? "1 B" : len == 65536 ? "64 KiB" : "8 MiB";
            book.core("file.relay." + size + ".receiver-first", "Relay " + shown + " byte-exact, receiver connects first",
                    (len == 0 ? "FILE-11 " : "FILE-7 ") + "FILE-2 FILE-3 FILE-4 FILE-5 FILE-6 FILE-9", relayCase(len, false));
            book.core("file.relay." + size + ".sender-first", "Relay " + shown + " byte-exact, sender connects first",
                    (len == 0 ? "FILE-11 " : "FILE-8 ") + "FILE-2 FILE-3 FILE-4 FILE-5 FILE-6 FILE-9", relayCase(len, true));
        }
        return book
                .core("file.recipient-offline", "send_file to an offline recipient", "FILE-1", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.registered("bob");
                    s.friends(alice, bob);
                    s.checks("FILE-1");
                    alice.sends(s.sendFile(alice, bob, 10, "x.txt"));
                    alice.receives(reply(SEND_FILE_REPLY, OFFLINE));
                    s.quiet(bob.nothing(), alice.nothing(cmd(SEND_FILE_PORT_REPLY)));
                })
                .core("file.length.string", "length sent as a JSON string comes back as the same string", "MSG-3 FILE-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob,
                            Messages.sendFile(alice.name(), bob.name(), 5, "s.txt"));
                    Transfers.relay(s, t, true, 0, "FILE-8");
                })
                .core("file.length.number", "length sent as a JSON number comes back as the same number", "MSG-3 FILE-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob,
                            Messages.sendFileNumericLength(alice.name(), bob.name(), 5, "n.txt"));
                    Transfers.relay(s, t, true, 0, "FILE-8");
                })
                .core("file.excess-bytes", "Bytes beyond length are not forwarded", "FILE-10", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob, 1000, "short.bin");
                    Transfers.relay(s, t, true, 500, "FILE-8");
                })
                .core("file.control-usable", "Control connections keep working during a transfer", "FILE-12", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob, 4096, "busy.bin");
                    // seed order: the sender connects first, the receiver once it has its port message
                    RelayParty sender = Transfers.connect(s, t, "sender");
                    Transfers.awaitReceiverPort(s, t);
                    RelayParty receiver = Transfers.connect(s, t, "receiver");
                    s.checks("FILE-12");
                    Message m = alice.chats(bob, "file on its way");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    bob.receives(io.chatspec.conformance.dsl.Expect.sameAs(m));
                    Message back = bob.chats(alice, "thanks");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice.receives(io.chatspec.conformance.dsl.Expect.sameAs(back));
                    CompletableFuture<RelayParty.Received> got = receiver.readToEnd(s.transferTimeout().plus(s.replyTimeout()));
                    sender.writeGenerated(1, 4096);
                    RelayParty.Received r = RelayParty.await(got, s.transferTimeout().plus(s.replyTimeout()).plusSeconds(1));
                    s.require(r != null && r.bytes() == 4096, "transfer did not complete after control traffic",
                            "4096 bytes", String.valueOf(r));
                })
                .core("file.concurrent", "Overlapping transfers between different pairs get own ports and bytes", "FILE-16", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    Actor dave = s.user("dave");
                    s.friends(alice, bob);
                    s.friends(carol, dave);
                    Transfers.Announced t1 = Transfers.announce(s, alice, bob, 200_000, "one.bin");
                    Transfers.Announced t2 = Transfers.announce(s, carol, dave, 300_000, "two.bin");
                    s.checks("FILE-16");
                    s.require(t1.relay().getPort() != t2.relay().getPort(), "overlapping transfers share a port",
                            "two different ports", "both on " + t1.relay().getPort());
                    // both transfers run at once; only the relay sockets work in the background, the scenario is
                    // touched from this thread alone. Seed order (sender first), so it runs on every server.
                    Transfers.Running one = Transfers.start(s, t1, true, 0, "FILE-16");
                    Transfers.Running two = Transfers.start(s, t2, true, 0, "FILE-16");
                    Transfers.verify(s, one, "FILE-16");
                    Transfers.verify(s, two, "FILE-16");
                })
                .slow("file.timeout.receiver-absent", "Timeout when the receiver never connects", "FILE-13 FILE-15 FILE-17", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob, 100, "never.bin");
                    RelayParty sender = Transfers.connect(s, t, "sender");
                    sender.writeGenerated(7, 100);
                    Transfers.awaitReceiverPort(s, t);
                    Duration wait = s.transferTimeout().plus(s.replyTimeout());
                    s.checks("FILE-13");
                    alice.receives(reply(SEND_FILE_REPLY, TIMEOUT), wait);
                    s.checks("FILE-15");
                    s.require(sender.awaitClosedByServer(s.replyTimeout()), "sender relay connection still open after the timeout",
                            "closed", "open");
                    portFreed(s, t);
                    s.record("FILE-17", "receiver got after the timeout: " + Scenario.render(s.observe(bob).get(bob)));
                })
                .slow("file.timeout.sender-absent", "Timeout when the sender never connects", "FILE-14 FILE-15", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob, 100, "nobody.bin");
                    Duration wait = s.transferTimeout().plus(s.replyTimeout());
                    if (!Transfers.receiverCanConnectFirst(s, t)) {
                        // the sender's timeout is still judged; only the receiver's side needs it connected
                        s.checks("FILE-14");
                        alice.receives(reply(SEND_FILE_REPLY, TIMEOUT), wait);
                        throw Transfers.receiverCannotConnectFirst(s, "FILE-15");
                    }
                    Transfers.awaitReceiverPort(s, t);
                    RelayParty receiver = Transfers.connect(s, t, "receiver");
                    CompletableFuture<RelayParty.Received> got = receiver.readToEnd(wait.plus(s.replyTimeout()));
                    s.checks("FILE-14");
                    alice.receives(reply(SEND_FILE_REPLY, TIMEOUT), wait);
                    s.checks("FILE-15");
                    RelayParty.Received r = RelayParty.await(got, s.replyTimeout().plus(s.replyTimeout()));
                    s.require(r != null && r.bytes() == 0 && (r.endOfStream() || r.error() != null), "receiver relay connection not closed empty after the timeout",
                            "end-of-stream with 0 bytes", String.valueOf(r));
                    portFreed(s, t);
                })
                .slow("file.short-sender", "Sender closes before writing length bytes (recorded)", "FILE-17", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Transfers.Announced t = Transfers.announce(s, alice, bob, 1000, "cut.bin");
                    RelayParty sender = Transfers.connect(s, t, "sender");
                    RelayParty.await(sender.writeGenerated(3, 400), s.replyTimeout());
                    Transfers.awaitReceiverPort(s, t);
                    RelayParty receiver = Transfers.connect(s, t, "receiver");
                    CompletableFuture<RelayParty.Received> got = receiver.readToEnd(s.transferTimeout().plus(s.replyTimeout()));
                    sender.close();
                    RelayParty.Received r = RelayParty.await(got, s.transferTimeout().plus(s.replyTimeout()).plusSeconds(1));
                    var seen = s.observe(alice, bob);
                    s.record("FILE-17", "receiver read " + r + "; sender control got " + Scenario.render(seen.get(alice))
                            + "; receiver control got " + Scenario.render(seen.get(bob)));
                })
                .cases();
    }

    /** FILE-15: after a timeout the port refuses connections or closes them without data. */
    private static void portFreed(Scenario s, Transfers.Announced t) {
        try (RelayParty late = RelayParty.connect(t.relay(), s.replyTimeout())) {
            RelayParty.Received r = RelayParty.await(late.readToEnd(s.replyTimeout()), s.replyTimeout().plusSeconds(1));
            s.require(r != null && r.bytes() == 0, "relay port still serves after the timeout",
                    "connection refused, or closed with no data", String.valueOf(r));
        } catch (IOException refused) {
            // refused is one of the two allowed outcomes
        }
    }

}
