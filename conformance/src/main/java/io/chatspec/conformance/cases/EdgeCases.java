package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.CaseSkipped;
import io.chatspec.conformance.dsl.RelayParty;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Section 15 of PROTOCOL.md, extension: decided edge cases (EDGE-*). */
final class EdgeCases {
    private EdgeCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("ext-edge")
                .risky("edge.takeover", "A second login of the same user takes the session over silently",
                        "EDGE-1 EDGE-2 EDGE-3 EDGE-4 EDGE-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Actor alice2 = alice.secondConnection("alice#2");
                    s.checks("EDGE-1");
                    alice2.login();
                    alice2.receives(reply(LOGIN_REPLY, SUCCESS));
                    s.checks("EDGE-2", "EDGE-3", "EDGE-4");
                    Message m = bob.chats(alice, "which one?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice2.receives(sameAs(m));
                    s.quiet(alice.nothing().rule("EDGE-3"), bob.nothing().exceptCopiesOf(m).rule("EDGE-4"));
                    s.checks("EDGE-5");
                    alice.chats(bob, "old connection");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, NOT_LOGGED_IN));
                })
                .risky("edge.takeover-close-old", "Closing the taken-over connection does not affect the new session",
                        "EDGE-6", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    Actor alice2 = alice.secondConnection("alice#2");
                    s.given(() -> {
                        alice2.login();
                        alice2.receives(reply(LOGIN_REPLY, SUCCESS));
                    });
                    s.checks("EDGE-6");
                    alice.drops();
                    s.quiet(bob.nothing());
                    Message m = bob.chats(alice, "still there?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice2.receives(sameAs(m));
                })
                .risky("edge.login-over-other", "Logging in as A where B is logged in logs B out with friend_offline",
                        "EDGE-7 EDGE-8", s -> {
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    Actor alice = s.registered("alice");
                    s.friends(carol, bob);
                    s.checks("EDGE-7");
                    bob.sends(Messages.login(alice.name(), alice.password()));
                    bob.receives(reply(LOGIN_REPLY, SUCCESS));
                    carol.receives(msg(FRIEND_OFFLINE).with("friend", bob.name()));
                    s.quiet(carol.nothing(cmd(FRIEND_OFFLINE)));
                    s.checks("EDGE-8");
                    carol.chats(bob, "bob?");
                    carol.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    Message m = carol.chats(alice, "alice?");
                    carol.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    bob.receives(sameAs(m));
                })
                .risky("edge.failed-login-keeps", "A failed login keeps the logged-in user", "EDGE-9", s -> {
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    Actor alice = s.registered("alice");
                    s.friends(carol, bob);
                    s.checks("EDGE-9");
                    bob.sends(Messages.login(alice.name(), "wrong"));
                    bob.receives(reply(LOGIN_REPLY, PASSWORD_ERROR));
                    s.quiet(carol.nothing());
                    Message m = carol.chats(bob, "bob?");
                    carol.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    bob.receives(sameAs(m));
                })
                .risky("edge.simple-decisions", "Self-add, missing groups, non-members, self-file, unknown users",
                        "EDGE-10 EDGE-11 EDGE-12 EDGE-13 EDGE-14 EDGE-15 EDGE-16", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    String g = s.group(bob);
                    String missing = s.freshName("missing");
                    String nobody = s.freshName("nobody");
                    s.checks("EDGE-10");
                    alice.sends(Messages.add(alice.name(), alice.name()));
                    alice.receives(reply(ADD_REPLY, BAD_REQUEST));
                    s.checks("EDGE-11");
                    alice.posts(missing, "hello?");
                    alice.receives(reply(GROUP_CHAT_REPLY, GROUP_NOT_EXIST));
                    s.checks("EDGE-12");
                    alice.posts(g, "let me in");
                    alice.receives(reply(GROUP_CHAT_REPLY, NOT_IN_GROUP));
                    s.quiet(bob.nothing());
                    s.checks("EDGE-13");
                    alice.asksMembers(missing);
                    alice.receives(msg(GET_GROUP_MEMBER_REPLY).with("result", GROUP_NOT_EXIST).with("group", missing)
                            .without("member"));
                    s.checks("EDGE-14");
                    alice.sends(s.sendFile(alice, alice, 10, "me.txt"));
                    alice.receives(reply(SEND_FILE_REPLY, BAD_REQUEST));
                    s.checks("EDGE-15");
                    alice.sends(Messages.sendFile(alice.name(), nobody, 10, "x.txt"));
                    alice.receives(reply(SEND_FILE_REPLY, OFFLINE));
                    s.checks("EDGE-16");
                    alice.sends(Messages.privateChat(alice.name(), nobody, "hi"));
                    alice.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    s.quiet(alice.nothing());
                })
                .risky("edge.register-while-logged-in", "register on a logged-in connection keeps its user", "EDGE-18", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("EDGE-18");
                    alice.sends(Messages.register(s.freshName("extra"), "pw"));
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    Message m = alice.chats(bob, "still me");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    bob.receives(sameAs(m));
                })
                .risky("edge.relay-busy", "All relay ports busy: send_file gets busy", "EDGE-17", s -> {
                    int ports = s.env().settings().relayPortCount();
                    if (ports <= 0) {
                        throw new CaseSkipped("the target's relay port range is unknown (--relay-ports)");
                    }
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    List<java.net.InetSocketAddress> open = new ArrayList<>();
                    Message[] earlyBusy = new Message[1];
                    String[] busyFile = {"one-too-many"};
                    // Filling is setup: a failure there SKIPs. Ports other cases hold (transfers still waiting for
                    // their timeout) can make busy come early; that busy is judged like the last one.
                    long t0 = System.nanoTime();
                    s.given(() -> {
                        for (int i = 0; i < ports; i++) {
                            String fill = "fill" + i;
                            alice.sends(s.sendFile(alice, bob, 0, fill));
                            Message r = alice.receives(io.chatspec.conformance.dsl.Expect.matching(
                                    "send_file_port_reply or send_file_reply",
                                    m -> SEND_FILE_PORT_REPLY.equals(m.cmd()) || SEND_FILE_REPLY.equals(m.cmd())));
                            if (SEND_FILE_REPLY.equals(r.cmd()) && BUSY.equals(r.result())) {
                                earlyBusy[0] = r;
                                busyFile[0] = fill;
                                return;
                            }
                            if (!SEND_FILE_PORT_REPLY.equals(r.cmd()) || r.get("port") == null || !r.get("port").isInt()) {
                                throw new CaseSkipped("filling the relay ports: send_file answered " + r.raw());
                            }
                            // no wait for bob's recv_file_port_reply: a server may send it only once the sender
                            // connected (the seed fixes no order), and nobody connects while the ports fill
                            open.add(new java.net.InetSocketAddress(s.env().address().getHostString(), r.get("port").asInt()));
                        }
                    });
                    if (java.time.Duration.ofNanos(System.nanoTime() - t0).compareTo(s.transferTimeout()) > 0) {
                        throw new CaseSkipped("filling " + ports + " relay ports took longer than the transfer timeout ("
                                + s.transferTimeout().toMillis() + " ms): the first ports may be free again");
                    }
                    s.checks("EDGE-17");
                    if (earlyBusy[0] != null) {
                        s.require(reply(SEND_FILE_REPLY, BUSY).test(earlyBusy[0]), "busy reply malformed",
                                reply(SEND_FILE_REPLY, BUSY).toString(), earlyBusy[0].raw());
                    } else {
                        alice.sends(s.sendFile(alice, bob, 0, "one-too-many"));
                        alice.receives(reply(SEND_FILE_REPLY, BUSY));
                    }
                    s.quiet(bob.nothing(msg(RECV_FILE_PORT_REPLY).with("filename", busyFile[0])));
                    for (java.net.InetSocketAddress t : open) {
                        // sender first: servers that take the first connection as the sender need this order
                        try (RelayParty sender = RelayParty.connect(t, s.replyTimeout());
                             RelayParty receiver = RelayParty.connect(t, s.replyTimeout())) {
                            receiver.awaitClosedByServer(s.replyTimeout());
                        } catch (IOException ignored) {
                            // freeing the ports is courtesy; the verdict is already in
                        }
                    }
                })
                .cases();
    }
}
