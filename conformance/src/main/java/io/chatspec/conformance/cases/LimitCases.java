package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.CaseSkipped;
import io.chatspec.conformance.dsl.RelayParty;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.conformance.settings.LimitSettings;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ClientOptions;
import io.chatspec.protocol.files.FileRelay;
import io.chatspec.protocol.files.OutsiderAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/**
 * Section 17 of PROTOCOL.md, extension: resource limits (LIMIT-*). Each case needs the target's value of its limit
 * ({@code --limits}); without it the case is SKIPPED.
 */
final class LimitCases {
    private LimitCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("ext-limit")
                .risky("limit.connections", "Beyond the connection limit: too_many_connections, then close",
                        "LIMIT-1", LimitCases::connectionLimit)
                .slow("limit.message-deadline", "An unfinished message past the deadline: message_timeout, then close",
                        "LIMIT-2", LimitCases::messageDeadline)
                .slow("limit.login-deadline", "No login within the deadline: login_timeout, then close; logged-in users stay",
                        "LIMIT-3", LimitCases::loginDeadline)
                .slow("limit.non-reader", "A client that never reads is closed; its peers lose nothing",
                        "LIMIT-4", LimitCases::nonReader)
                .core("limit.name-length", "Names up to the maximum length are accepted, longer ones get bad_request",
                        "LIMIT-5", LimitCases::nameLength)
                .risky("limit.transfers-per-user", "Beyond the open transfers allowed per user: busy",
                        "LIMIT-6", LimitCases::transfersPerUser)
                .risky("limit.relay-binding", "The relay admits only the parties' addresses: no steal, no inject",
                        "LIMIT-7", LimitCases::relayBinding)
                .cases();
    }

    private static LimitSettings limits(Scenario s) {
        return s.env().settings().limits();
    }

    private static Duration slack(Scenario s) {
        // The deadline is checked periodically (about once a second on the reference server), plus a busy machine.
        return s.replyTimeout().plusSeconds(2);
    }

    private static void connectionLimit(Scenario s) {
        int max = limits(s).connections();
        if (max <= 0) {
            throw new CaseSkipped("the target's connection limit is unknown (--limits connections=N)");
        }
        Actor first = s.client("first");
        List<ChatClient> more = new ArrayList<>();
        ClientOptions options = ClientOptions.defaults().withMaxFrameBytes(s.env().settings().clientFrameLimit());
        s.given(() -> {
            // One more than the limit: the harness's own first connection counts too.
            for (int i = 0; i < max; i++) {
                more.add(s.track(ChatClient.connect("extra" + i, s.env().address(), options)));
            }
        });
        s.checks("LIMIT-1");
        // Connections of the case before may still be closing while these open, so the refusal can land on any of
        // the last few rather than on the very last: it is looked for among all of them.
        ChatClient refused = firstRefused(more, s.replyTimeout());
        if (refused == null) {
            s.require(false, "connection " + (max + 1) + " was not refused", "{\"cmd\":\"error\",\"result\":"
                    + "\"too_many_connections\"} and a close", "nothing within " + s.replyTimeout().toMillis() + " ms");
            return;
        }
        Message m = refused.inbox().stream().filter(x -> ERROR.equals(x.cmd())).findFirst().orElse(null);
        s.require(m != null && TOO_MANY_CONNECTIONS.equals(m.result()), "wrong refusal", "{\"cmd\":\"error\","
                + "\"result\":\"too_many_connections\"}", m == null ? "a close without a message" : m.raw());
        s.require(refused.awaitClosed(s.replyTimeout()), "refused connection left open", "closed after the refusal",
                "open after " + s.replyTimeout().toMillis() + " ms");
        // The connections already open are unaffected.
        first.sends(Messages.register(s.freshName("held"), "pw"));
        first.receives(reply(REGISTER_REPLY, SUCCESS));
    }

    /**
     * The connection refused with too_many_connections within {@code patience}; failing that, one that got another
     * error or was closed by the server (a wrong refusal); null when none was touched.
     */
    private static ChatClient firstRefused(List<ChatClient> clients, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            for (ChatClient c : clients) {
                if (c.inbox().stream().anyMatch(x -> ERROR.equals(x.cmd()) && TOO_MANY_CONNECTIONS.equals(x.result()))) {
                    return c;
                }
            }
            LockSupport.parkNanos(REFUSAL_POLL.toNanos());
        } while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted());
        return clients.stream().filter(c -> !c.isOpen() || c.inbox().stream().anyMatch(x -> ERROR.equals(x.cmd())))
                .findFirst().orElse(null);
    }

    private static final Duration REFUSAL_POLL = Duration.ofMillis(50);

    private static void messageDeadline(Scenario s) {
        Duration d = limits(s).messageDeadline();
        if (d == null) {
            throw new CaseSkipped("the target's message deadline is unknown (--limits message-deadline=D)");
        }
        Actor slow = s.client("slow");
        Actor dribbler = s.client("dribbler");
        s.checks("LIMIT-2");
        // A message finished within the deadline, in four slow pieces, is processed normally.
        byte[] whole = (Messages.register(dribbler.name(), dribbler.password()).toJson() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        int quarter = whole.length / 4;
        long t0 = System.nanoTime();
        slow.sendsRaw("{\"cmd\":\"register\",\"user\":\"" + slow.name());
        for (int i = 0; i < 4; i++) {
            int from = i * quarter;
            int to = i == 3 ? whole.length : from + quarter;
            dribbler.sendsRaw(java.util.Arrays.copyOfRange(whole, from, to));
            pause(d.dividedBy(8));
        }
        dribbler.receives(reply(REGISTER_REPLY, SUCCESS));
        slow.receives(reply(ERROR, MESSAGE_TIMEOUT), d.plus(slack(s)));
        long waited = System.nanoTime() - t0;
        s.verify("LIMIT-2", waited >= d.toNanos() - 50_000_000L, "closed before its deadline",
                "message_timeout after " + d.toMillis() + " ms", "after " + waited / 1_000_000 + " ms");
        s.require(slow.client().awaitClosed(s.replyTimeout()), "connection left open after message_timeout",
                "closed", "open");
    }

    private static void loginDeadline(Scenario s) {
        Duration d = limits(s).loginDeadline();
        if (d == null) {
            throw new CaseSkipped("the target's login deadline is unknown (--limits login-deadline=D)");
        }
        Actor idle = s.client("idle");
        Actor user = s.user("user");
        s.checks("LIMIT-3");
        long t0 = System.nanoTime();
        idle.receives(reply(ERROR, LOGIN_TIMEOUT), d.plus(slack(s)));
        long waited = System.nanoTime() - t0;
        s.verify("LIMIT-3", waited >= d.toNanos() - 500_000_000L, "closed before its deadline",
                "login_timeout after " + d.toMillis() + " ms", "after " + waited / 1_000_000 + " ms");
        s.require(idle.client().awaitClosed(s.replyTimeout()), "connection left open after login_timeout", "closed",
                "open");
        // The logged-in user, just as idle for as long, is still served.
        s.require(user.client().isOpen(), "an idle logged-in connection was closed", "open", "closed");
        user.sends(Messages.getGroupMember(s.freshName("nogroup")));
        user.receives(cmd(GET_GROUP_MEMBER_REPLY));
    }

    private static void nonReader(Scenario s) {
        Duration d = limits(s).readDeadline();
        if (d == null) {
            throw new CaseSkipped("the target's read deadline is unknown (--limits read-deadline=D)");
        }
        Actor sender = s.user("sender");
        Actor bystander = s.user("bystander");
        Actor sink = s.registered("sink");
        s.friends(sender, bystander);
        Socket socket = new Socket();
        s.track(socket);
        s.given(() -> {
            try {
                socket.setReceiveBufferSize(4096);
                socket.connect(s.env().address(), (int) s.replyTimeout().toMillis());
                socket.getOutputStream().write((Messages.login(sink.name(), sink.password()).toJson() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                socket.setSoTimeout((int) s.replyTimeout().toMillis());
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                if (line == null || !line.contains("success")) {
                    throw new CaseSkipped("the never-reading client could not log in: " + line);
                }
            } catch (IOException e) {
                throw new CaseSkipped("the never-reading client could not connect: " + e);
            }
        });
        // From here on the sink's socket is never read again. The sender floods it until the server drops it.
        s.checks("LIMIT-4");
        String text = "x".repeat(4000);
        long deadline = System.nanoTime() + d.plusSeconds(60).toNanos();
        long sent = 0;
        boolean dropped = false;
        ChatClient c = sender.client();
        while (!dropped && System.nanoTime() < deadline && sent < 512L * 1024 * 1024) {
            for (int i = 0; i < 100; i++) {
                c.send(Messages.privateChat(sender.name(), sink.name(), text));
                sent += text.length();
            }
            for (int i = 0; i < 100; i++) {
                Message r = c.expectCmd(PRIVATE_CHAT_REPLY, s.replyTimeout().plus(d));
                dropped |= io.chatspec.protocol.Results.OFFLINE.equals(r.result());
            }
        }
        s.require(dropped, "a client that never reads was never closed", "the sink is dropped and becomes offline",
                "still online after " + sent + " bytes of chat");
        // Its peers lose nothing.
        Message m = sender.chats(bystander, "after the flood");
        sender.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
        bystander.receives(sameAs(m));
    }

    private static void nameLength(Scenario s) {
        int max = limits(s).nameLength();
        if (max <= 0) {
            throw new CaseSkipped("the target's maximum name length is unknown (--limits name-length=N)");
        }
        String base = s.freshName("n");
        if (base.length() > max) {
            throw new CaseSkipped("a unique name is already longer than the limit of " + max);
        }
        // Padded with a character of three UTF-8 bytes: the limit counts characters, not bytes.
        String longest = base + "名".repeat(max - base.length());
        Actor a = s.client("namer");
        s.checks("LIMIT-5");
        a.sends(Messages.register(longest, "pw"));
        a.receives(reply(REGISTER_REPLY, SUCCESS));
        a.sends(Messages.register(longest + "名", "pw"));
        a.receives(reply(REGISTER_REPLY, BAD_REQUEST));
        a.sends(Messages.login(longest + "名", "pw"));
        a.receives(reply(LOGIN_REPLY, BAD_REQUEST));
        a.sends(Messages.login(longest, "pw"));
        a.receives(reply(LOGIN_REPLY, SUCCESS));
        a.sends(Messages.createGroup(longest, s.freshName("g") + "x".repeat(max)));
        a.receives(reply(CREATE_GROUP_REPLY, BAD_REQUEST));
    }

    private static void transfersPerUser(Scenario s) {
        int max = limits(s).transfersPerUser();
        if (max <= 0) {
            throw new CaseSkipped("the target's open transfers per user are unknown (--limits transfers-per-user=N)");
        }
        Actor alice = s.user("alice");
        Actor bob = s.user("bob");
        s.friends(alice, bob);
        List<Message> ports = new ArrayList<>();
        try {
            s.given(() -> {
                for (int i = 0; i < max; i++) {
                    alice.sends(s.sendFile(alice, bob, 0, "hold" + i));
                    Message r = alice.receives(cmd(SEND_FILE_PORT_REPLY));
                    bob.receives(cmd(RECV_FILE_PORT_REPLY));
                    ports.add(r);
                }
            });
            s.checks("LIMIT-6");
            alice.sends(s.sendFile(alice, bob, 0, "one-too-many"));
            alice.receives(reply(SEND_FILE_REPLY, BUSY));
            s.quiet(bob.nothing(cmd(RECV_FILE_PORT_REPLY)));
        } finally {
            // Both parties connect to each held port, so the empty transfers end and their ports are free at once.
            ports.forEach(p -> Transfers.finishEmpty(s, p));
        }
    }

    private static void relayBinding(Scenario s) {
        InetAddress outsider = outsiderAddress(s);
        Actor alice = s.user("alice");
        Actor bob = s.user("bob");
        s.friends(alice, bob);
        long length = 100_000;
        Duration deadline = s.transferTimeout().plus(s.replyTimeout());

        // Steal: the outsider connects first and would be taken for a party; the real ones must still get through.
        Transfers.Announced steal = Transfers.announce(s, alice, bob, length, "steal.bin");
        s.checks("LIMIT-7");
        try {
            s.track(RelayParty.connect(steal.relay(), s.replyTimeout(), outsider));
        } catch (IOException refused) {
            // refused outright: just as good
        }
        relayAndCheck(s, steal, 11, deadline, null);

        // Inject: the outsider connects after the receiver and writes first, so it would be taken for the sender.
        Transfers.Announced inject = Transfers.announce(s, alice, bob, length, "inject.bin");
        s.checks("LIMIT-7");
        relayAndCheck(s, inject, 12, deadline, outsider);
    }

    /**
     * The real parties relay {@code t}; with an injector, it connects from {@code injector} after the receiver and
     * writes first. The receiver must read exactly the sender's bytes.
     */
    private static void relayAndCheck(Scenario s, Transfers.Announced t, long seed, Duration deadline,
                                      InetAddress injector) {
        RelayParty receiver = party(s, t, "receiver");
        CompletableFuture<RelayParty.Received> got = receiver.readToEnd(deadline);
        if (injector != null) {
            try {
                RelayParty bad = s.track(RelayParty.connect(t.relay(), s.replyTimeout(), injector));
                try {
                    RelayParty.await(bad.writeGenerated(99, 4096), s.replyTimeout());
                } catch (RuntimeException closedFirst) {
                    // the server closed it before it could write: as it should
                }
            } catch (IOException refused) {
                // refused outright: just as good
            }
        }
        RelayParty sender = party(s, t, "sender");
        sender.writeGenerated(seed, t.length());
        RelayParty.Received r = RelayParty.await(got, deadline.plusSeconds(1));
        String expected = FileRelay.sha256OfGenerated(seed, t.length());
        s.require(r != null && r.bytes() == t.length() && expected.equals(r.sha256()),
                injector == null ? "the transfer broke after an outsider connected first"
                        : "the receiver read bytes an outsider injected",
                t.length() + " bytes with SHA-256 " + expected, r == null ? "nothing" : r.bytes() + " bytes with SHA-256 "
                        + r.sha256());
    }

    /** A real party connects; failing to, after an outsider did, breaks LIMIT-7 (the outsider took its place). */
    private static RelayParty party(Scenario s, Transfers.Announced t, String who) {
        try {
            return s.track(RelayParty.connect(t.relay(), s.replyTimeout()));
        } catch (IOException e) {
            s.require("LIMIT-7", false, "the " + who + " could not connect to relay port " + t.relay().getPort()
                    + " after an outsider did", "the parties' connections are admitted", e.toString());
            return null;
        }
    }

    /** 127.0.0.2 when the target is on loopback and this host can bind it (Linux); otherwise the case is SKIPPED. */
    private static InetAddress outsiderAddress(Scenario s) {
        InetSocketAddress target = s.env().address();
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
            throw new CaseSkipped("needs a target on loopback, to connect from a second loopback address");
        }
        try {
            return OutsiderAddress.probe();
        } catch (IOException e) {
            throw new CaseSkipped("cannot bind " + OutsiderAddress.LOOPBACK_OUTSIDER + " on this host: " + e.getMessage());
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
