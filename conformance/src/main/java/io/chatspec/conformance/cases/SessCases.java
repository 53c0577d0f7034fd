package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 14 of PROTOCOL.md, extension: session binding (SESS-*). */
final class SessCases {
    private SessCases() {
    }

    private static List<Message> actingCommands(String actor, String other, String group) {
        return List.of(Messages.add(actor, other), Messages.createGroup(actor, group), Messages.addGroup(actor, group),
                Messages.privateChat(actor, other, "psst"), Messages.groupChat(actor, group, "hi all"),
                Messages.offline(actor), Messages.sendFile(actor, other, 10, "f.txt"));
    }

    static List<ConformanceCase> cases() {
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
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS).rule("SESS-4"));
                    alice.receives(sameAs(m).rule("SESS-4"));
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
                    ErrCases.rejects(anon, "{\"cmd\":\"fly\",\"user\":5}", ERROR, UNKNOWN_CMD);
                    ErrCases.rejects(anon, Messages.privateChat(alice.name(), "x", "t").without("text").toJson(),
                            PRIVATE_CHAT_REPLY, BAD_REQUEST);
                    ErrCases.rejects(alice, Messages.add("someone-else", s.freshName("nobody")).toJson(), ADD_REPLY, PERMISSION_DENIED);
                    ErrCases.rejects(anon, Messages.add(alice.name(), s.freshName("nobody")).toJson(), ADD_REPLY, NOT_LOGGED_IN);
                })
                .cases();
    }
}
