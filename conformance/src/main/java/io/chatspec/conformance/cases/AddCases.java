package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Messages;

import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 5 of PROTOCOL.md, command 3: add friend (ADD-*). */
final class AddCases {
    private AddCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("add")
                .core("add.unknown-user", "Adding an unregistered user", "ADD-1", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ADD-1");
                    alice.sends(Messages.add(alice.name(), s.freshName("nobody")));
                    alice.receives(reply(ADD_REPLY, USER_NOT_EXIST));
                })
                .core("add.success", "Adding an online user: reply with friend, add_friend_reply to them only",
                        "ADD-3 ADD-4 ADD-6", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    s.checks("ADD-3");
                    alice.adds(bob);
                    alice.receives(msg(ADD_REPLY).with("result", SUCCESS).with("friend", bob.name()));
                    s.checks("ADD-4");
                    bob.receives(msg(ADD_FRIEND_REPLY).with("result", alice.name()));
                    s.checks("ADD-4", "ADD-6");
                    s.quiet(bob.nothing(cmd(ADD_FRIEND_REPLY)), alice.nothing(cmd(ADD_FRIEND_REPLY)).rule("ADD-6"),
                            carol.nothing(cmd(ADD_FRIEND_REPLY)).rule("ADD-6"));
                })
                .core("add.already-friend", "Repeating a successful add", "ADD-2", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("ADD-2");
                    alice.adds(bob);
                    alice.receives(reply(ADD_REPLY, ALREADY_FRIEND));
                    s.quiet(bob.nothing(cmd(ADD_FRIEND_REPLY)));
                })
                .core("add.mutual", "Friendship is mutual: the reverse add says already_friend", "ADD-7", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("ADD-7");
                    bob.adds(alice);
                    bob.receives(reply(ADD_REPLY, ALREADY_FRIEND));
                })
                .core("add.offline-target", "Adding an offline user: no add_friend_reply, not even at its login",
                        "ADD-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.registered("bob");
                    s.checks("ADD-5");
                    alice.adds(bob);
                    alice.receives(msg(ADD_REPLY).with("result", SUCCESS).with("friend", bob.name()).rule("ADD-3"));
                    bob.login();
                    bob.receives(reply(LOGIN_REPLY, SUCCESS));
                    s.quiet(bob.nothing(cmd(ADD_FRIEND_REPLY)));
                })
                .core("add.mutual-notifications", "After one add, both sides hear of each other's login and offline",
                        "ADD-8", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("ADD-8");
                    bob.goesOffline();
                    alice.receives(msg(FRIEND_OFFLINE).with("friend", bob.name()));
                    bob.reconnects().login();
                    bob.receives(reply(LOGIN_REPLY, SUCCESS));
                    alice.receives(msg(FRIEND_LOGIN).with("friend", bob.name()));
                    alice.goesOffline();
                    bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()));
                    alice.reconnects().login();
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    bob.receives(msg(FRIEND_LOGIN).with("friend", alice.name()));
                })
                .cases();
    }
}
