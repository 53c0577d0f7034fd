package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.Expect;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Section 4 of PROTOCOL.md, command 2: login and who hears about it (LOGIN-*). */
final class LoginCases {
    private LoginCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("login")
                .core("login.unknown-user", "Login with an unregistered name", "LOGIN-1", s -> {
                    Actor ghost = s.client("ghost");
                    s.checks("LOGIN-1");
                    ghost.login();
                    ghost.receives(reply(LOGIN_REPLY, USER_NOT_EXIST));
                })
                .core("login.wrong-password", "Login with a wrong password", "LOGIN-2", s -> {
                    Actor alice = s.registered("alice");
                    s.checks("LOGIN-2");
                    alice.sends(Messages.login(alice.name(), alice.password() + "-wrong"));
                    alice.receives(reply(LOGIN_REPLY, PASSWORD_ERROR));
                })
                .core("login.success", "Login with correct credentials makes the user online", "LOGIN-3", s -> {
                    Actor bob = s.user("bob");
                    Actor alice = s.registered("alice");
                    s.friends(bob, alice);
                    s.checks("LOGIN-3");
                    alice.login();
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    Message m = bob.chats(alice, "now you are online");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice.receives(Expect.sameAs(m).rule("PRIV-1"));
                })
                .core("login.friend-login", "friend_login reaches each online friend once, not the user, not strangers",
                        "LOGIN-4 LOGIN-6 LOGIN-7", s -> {
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    Actor dave = s.user("dave");
                    Actor alice = s.registered("alice");
                    s.friends(bob, alice);
                    s.friends(carol, alice);
                    Expect notice = msg(FRIEND_LOGIN).with("friend", alice.name());
                    // checks() first: it ends setup and clears what setup left unread, not the notices due now
                    s.checks("LOGIN-4");
                    s.given(() -> {
                        alice.login();
                        alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    });
                    bob.receives(notice);
                    carol.receives(notice);
                    s.checks("LOGIN-4", "LOGIN-6", "LOGIN-7");
                    s.quiet(bob.nothing(cmd(FRIEND_LOGIN)), carol.nothing(cmd(FRIEND_LOGIN)),
                            alice.nothing(notice).rule("LOGIN-6"), dave.nothing(cmd(FRIEND_LOGIN)).rule("LOGIN-7"));
                })
                .core("login.offline-friend", "A friend who is offline gets no friend_login, not even later", "LOGIN-5", s -> {
                    Actor erin = s.registered("erin");
                    Actor alice = s.user("alice");
                    s.friends(alice, erin);
                    s.checks("LOGIN-5");
                    s.given(() -> {
                        alice.goesOffline();
                        alice.reconnects();
                        alice.login();
                        alice.receives(reply(LOGIN_REPLY, SUCCESS));
                        erin.login();
                        erin.receives(reply(LOGIN_REPLY, SUCCESS));
                    });
                    s.quiet(erin.nothing(msg(FRIEND_LOGIN).with("friend", alice.name())));
                })
                .core("login.failed-no-effects", "A failed login notifies nobody and makes nobody online", "LOGIN-8", s -> {
                    Actor bob = s.user("bob");
                    Actor alice = s.registered("alice");
                    s.friends(bob, alice);
                    s.checks("LOGIN-8");
                    alice.sends(Messages.login(alice.name(), "not-" + alice.password()));
                    alice.receives(reply(LOGIN_REPLY, PASSWORD_ERROR).rule("LOGIN-2"));
                    s.quiet(bob.nothing());
                    bob.chats(alice, "are you there?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    s.quiet(alice.nothing(cmd(PRIVATE_CHAT)));
                })
                .core("login.extra-messages", "What else a login sends, and in which order (recorded)", "LOGIN-9", s -> {
                    Actor bob = s.user("bob");
                    Actor alice = s.registered("alice");
                    s.friends(bob, alice);
                    s.checks("LOGIN-9");
                    alice.login();
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    bob.receives(msg(FRIEND_LOGIN).with("friend", alice.name()));
                    var extra = s.observe(alice).get(alice);
                    long replyAt = s.receivedSeq(alice, m -> LOGIN_REPLY.equals(m.cmd()));
                    long noticeAt = s.receivedSeq(bob, m -> FRIEND_LOGIN.equals(m.cmd()));
                    s.record("LOGIN-9", "messages to the user after login_reply: " + Scenario.render(extra)
                            + "; friend's friend_login arrived " + (noticeAt < replyAt ? "before" : "after")
                            + " the user's login_reply");
                })
                .cases();
    }
}
