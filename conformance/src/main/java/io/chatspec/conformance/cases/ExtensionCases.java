package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.CaseSkipped;
import io.chatspec.conformance.dsl.RelayParty;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** The reference server's extensions (ERR, SESS, EDGE): judged only for targets that claim them. */
final class ExtensionCases {
    private ExtensionCases() {
    }

    /** Sends raw text and expects one reply, on the current rules. */
    private static void rejects(Actor a, String raw, String replyCmd, String result) {
        a.sendsRaw(raw.endsWith("\n") ? raw : raw + "\n");
        a.receives(reply(replyCmd, result));
    }

    static List<ConformanceCase> errors() {
        return new CaseBook("ext-errors")
                .risky("err.bad-json", "Unparseable input gets bad_json and the connection resyncs", "ERR-1 ERR-3 ERR-11", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-1", "ERR-3");
                    rejects(alice, "{\"cmd\":\"register\",}", ERROR, BAD_JSON);
                    rejects(alice, "this is not json", ERROR, BAD_JSON);
                    java.io.ByteArrayOutputStream badUtf8 = new java.io.ByteArrayOutputStream();
                    badUtf8.writeBytes("{\"cmd\":\"register\",\"user\":\"".getBytes(StandardCharsets.UTF_8));
                    badUtf8.writeBytes(new byte[]{(byte) 0xff, (byte) 0xfe});
                    badUtf8.writeBytes("\",\"password\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
                    alice.sendsRaw(badUtf8.toByteArray());
                    alice.receives(reply(ERROR, BAD_JSON));
                    s.checks("ERR-11", "ERR-3");
                    alice.sends(Messages.createGroup(alice.name(), s.freshName("after-error")));
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).withAny("group"));
                })
                .risky("err.non-object", "JSON values that are not objects get bad_json", "ERR-2", s -> {
                    Actor alice = s.client("alice");
                    s.checks("ERR-2");
                    for (String v : List.of("[1,2]", "\"text\"", "42", "true", "false", "null")) {
                        rejects(alice, v, ERROR, BAD_JSON);
                    }
                })
                .risky("err.unknown-cmd", "Missing, non-string and unknown cmd get unknown_cmd", "ERR-4 ERR-5", s -> {
                    Actor alice = s.client("alice");
                    s.checks("ERR-4");
                    rejects(alice, "{\"user\":\"x\"}", ERROR, UNKNOWN_CMD);
                    rejects(alice, "{\"cmd\":5}", ERROR, UNKNOWN_CMD);
                    s.checks("ERR-5");
                    rejects(alice, "{\"cmd\":\"fly\"}", ERROR, UNKNOWN_CMD);
                    rejects(alice, "{\"cmd\":\"login_reply\",\"result\":\"success\"}", ERROR, UNKNOWN_CMD);
                })
                .risky("err.missing-field", "A command missing a required field gets <cmd>_reply bad_request", "ERR-6", s -> {
                    Actor alice = s.user("alice");
                    String u = alice.name();
                    s.checks("ERR-6");
                    for (Message m : List.of(Messages.register(u, "x").without("password"), Messages.login(u, "x").without("user"),
                            Messages.add(u, "x").without("friend"), Messages.createGroup(u, "g").without("group"),
                            Messages.addGroup(u, "g").without("group"), Messages.privateChat(u, "x", "t").without("text"),
                            Messages.groupChat(u, "g", "t").without("text"), Messages.getGroupMember("g").without("group"),
                            Messages.offline(u).without("user"), Messages.sendFile(u, "x", 1, "f").without("filename"))) {
                        rejects(alice, m.toJson(), replyOf(m.cmd()), BAD_REQUEST);
                    }
                })
                .risky("err.wrong-type", "A required field of the wrong JSON type gets bad_request", "ERR-7", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-7");
                    rejects(alice, Messages.register("x", "y").with("user", 5).toJson(), REGISTER_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.login(alice.name(), "y").with("password", null).toJson(), LOGIN_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.privateChat(alice.name(), "b", "t").with("text", 1).toJson(), PRIVATE_CHAT_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.getGroupMember("g").with("group", true).toJson(), GET_GROUP_MEMBER_REPLY, BAD_REQUEST);
                })
                .risky("err.bad-length", "A length that is not a non-negative integer gets bad_request", "ERR-8", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("ERR-8");
                    Message base = Messages.sendFile(alice.name(), bob.name(), 1, "f.txt");
                    for (Object bad : new Object[]{"-1", "1.5", "1e3", "", "abc", -1, 1.5, true}) {
                        rejects(alice, base.with("length", bad).toJson(), SEND_FILE_REPLY, BAD_REQUEST);
                    }
                    s.quiet(bob.nothing());
                })
                .risky("err.empty-name", "An empty name gets bad_request", "ERR-9", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-9");
                    rejects(alice, Messages.register("", "pw").toJson(), REGISTER_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.add(alice.name(), "").toJson(), ADD_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.createGroup(alice.name(), "").toJson(), CREATE_GROUP_REPLY, BAD_REQUEST);
                })
                .risky("err.no-side-effects", "A rejected command changes nothing and notifies nobody",
                        "ERR-10 ERR-11 ERR-12", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    String newcomer = s.freshName("newcomer");
                    String g = s.freshName("ghost-group");
                    s.checks("ERR-10");
                    rejects(alice, Messages.register(newcomer, "pw").with("password", 1).toJson(), REGISTER_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.createGroup(alice.name(), g).with("extra", 1).without("user").toJson(),
                            CREATE_GROUP_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.privateChat(alice.name(), bob.name(), "x").with("text", 7).toJson(),
                            PRIVATE_CHAT_REPLY, BAD_REQUEST);
                    s.quiet(bob.nothing());
                    alice.sends(Messages.register(newcomer, "pw"));
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    s.checks("ERR-11", "ERR-12");
                    alice.createsGroup(g);
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    Message m = bob.chats(alice, "still fine?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice.receives(sameAs(m));
                })
                .risky("err.too-large", "An oversized message gets too_large early, then the connection closes",
                        "ERR-13 ERR-14", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    int limit = s.env().settings().maxMessageSize();
                    StringBuilder big = new StringBuilder("{\"cmd\":\"private_chat\",\"user_from\":\"" + alice.name()
                            + "\",\"user_to\":\"" + bob.name() + "\",\"text\":\"");
                    big.append("x".repeat(limit + 1024));
                    s.checks("ERR-13");
                    alice.sendsRaw(big.toString());
                    alice.receives(reply(ERROR, TOO_LARGE));
                    s.checks("ERR-14");
                    s.require(alice.client().awaitClosed(s.replyTimeout()), "connection left open after too_large",
                            "server closes the connection", "still open after " + s.replyTimeout().toMillis() + " ms");
                    bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()));
                    s.quiet(bob.nothing(cmd(PRIVATE_CHAT)));
                })
                .cases();
    }

    private static List<Message> actingCommands(String actor, String other, String group) {
        return List.of(Messages.add(actor, other), Messages.createGroup(actor, group), Messages.addGroup(actor, group),
                Messages.privateChat(actor, other, "psst"), Messages.groupChat(actor, group, "hi all"),
                Messages.offline(actor), Messages.sendFile(actor, other, 10, "f.txt"));
    }

    static List<ConformanceCase> session() {
        return new CaseBook("ext-session")
                .risky("sess.not-logged-in", "Acting commands without login get not_logged_in and do nothing",
                        "SESS-1 SESS-3", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    String g = s.group(bob);
                    Actor anon = s.client("anon");
                    s.checks("SESS-1");
                    String fresh = s.freshName("nogroup");
                    for (Message m : actingCommands(alice.name(), bob.name(), g)) {
                        anon.sends(m.cmd().equals(CREATE_GROUP) ? m.with("group", fresh) : m);
                        anon.receives(reply(replyOf(m.cmd()), NOT_LOGGED_IN));
                    }
                    s.checks("SESS-3");
                    s.quiet(bob.nothing(), alice.nothing());
                    bob.createsGroup(fresh);
                    bob.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", fresh));
                })
                .risky("sess.permission-denied", "Acting for another user gets permission_denied and does nothing",
                        "SESS-2 SESS-3 SESS-4", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor mallory = s.user("mallory");
                    s.friends(alice, bob);
                    String g = s.group(bob);
                    String fresh = s.freshName("nogroup");
                    s.checks("SESS-2", "SESS-4");
                    for (Message m : actingCommands(alice.name(), bob.name(), g)) {
                        mallory.sends(m.cmd().equals(CREATE_GROUP) ? m.with("group", fresh) : m);
                        mallory.receives(reply(replyOf(m.cmd()), PERMISSION_DENIED));
                    }
                    s.checks("SESS-3", "SESS-4");
                    s.quiet(bob.nothing(), alice.nothing());
                    Message m = bob.chats(alice, "still online?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice.receives(sameAs(m));
                })
                .risky("sess.no-login-needed", "register, login and get_group_member work without login", "SESS-5", s -> {
                    Actor alice = s.user("alice");
                    String g = s.group(alice);
                    Actor anon = s.client("anon");
                    s.checks("SESS-5");
                    anon.asksMembers(g);
                    anon.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g).withMembers("member", java.util.Set.of(alice.name())));
                    anon.register();
                    anon.receives(reply(REGISTER_REPLY, SUCCESS));
                    anon.login();
                    anon.receives(reply(LOGIN_REPLY, SUCCESS));
                })
                .risky("sess.offline-unbinds", "After offline the connection has no user", "SESS-6", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.given(() -> {
                        alice.goesOffline();
                        bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()));
                    });
                    s.checks("SESS-6");
                    alice.chats(bob, "ghost");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, NOT_LOGGED_IN));
                    s.quiet(bob.nothing());
                })
                .risky("sess.check-order", "Field checks come before session checks, session before results", "SESS-7", s -> {
                    Actor alice = s.user("alice");
                    Actor anon = s.client("anon");
                    s.checks("SESS-7");
                    rejects(anon, "{\"cmd\":\"fly\",\"user\":5}", ERROR, UNKNOWN_CMD);
                    rejects(anon, Messages.privateChat(alice.name(), "x", "t").without("text").toJson(),
                            PRIVATE_CHAT_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.add("someone-else", s.freshName("nobody")).toJson(), ADD_REPLY, PERMISSION_DENIED);
                    rejects(anon, Messages.add(alice.name(), s.freshName("nobody")).toJson(), ADD_REPLY, NOT_LOGGED_IN);
                })
                .cases();
    }

    static List<ConformanceCase> edge() {
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
                    s.quiet(alice.nothing(), bob.nothing().exceptCopiesOf(m));
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
                    // Filling is setup: a failure there SKIPs. Ports other cases hold (transfers still waiting for
                    // their timeout) can make busy come early; that busy is judged like the last one.
                    long t0 = System.nanoTime();
                    s.given(() -> {
                        for (int i = 0; i < ports; i++) {
                            alice.sends(s.sendFile(alice, bob, 0, "fill" + i));
                            Message r = alice.receives(io.chatspec.conformance.dsl.Expect.matching(
                                    "send_file_port_reply or send_file_reply",
                                    m -> SEND_FILE_PORT_REPLY.equals(m.cmd()) || SEND_FILE_REPLY.equals(m.cmd())));
                            if (SEND_FILE_REPLY.equals(r.cmd()) && BUSY.equals(r.result())) {
                                earlyBusy[0] = r;
                                return;
                            }
                            if (!SEND_FILE_PORT_REPLY.equals(r.cmd()) || r.get("port") == null || !r.get("port").isInt()) {
                                throw new CaseSkipped("filling the relay ports: send_file answered " + r.raw());
                            }
                            bob.receives(cmd(RECV_FILE_PORT_REPLY));
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
                    s.quiet(bob.nothing(cmd(RECV_FILE_PORT_REPLY)));
                    for (java.net.InetSocketAddress t : open) {
                        try (RelayParty a = RelayParty.connect(t, s.replyTimeout());
                             RelayParty b = RelayParty.connect(t, s.replyTimeout())) {
                            a.awaitClosedByServer(s.replyTimeout());
                        } catch (IOException ignored) {
                            // freeing the ports is courtesy; the verdict is already in
                        }
                    }
                })
                .cases();
    }
}
