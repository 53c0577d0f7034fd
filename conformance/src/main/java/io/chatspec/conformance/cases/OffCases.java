package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.Expect;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.protocol.Messages;

import java.util.LinkedHashSet;
import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Section 11 of PROTOCOL.md, command 9: offline (OFF-*). */
final class OffCases {
    private OffCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("offline")
                .core("offline.notifies-friends", "offline: online friends hear once; not the user, not strangers",
                        "OFF-1 OFF-2 OFF-3 OFF-4", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    Actor dave = s.user("dave");
                    s.friends(alice, bob);
                    s.friends(carol, alice);
                    s.checks("OFF-2");
                    alice.goesOffline();
                    Expect notice = msg(FRIEND_OFFLINE).with("friend", alice.name());
                    bob.receives(notice);
                    carol.receives(notice);
                    s.checks("OFF-2", "OFF-3", "OFF-4");
                    s.quiet(bob.nothing(cmd(FRIEND_OFFLINE)), carol.nothing(cmd(FRIEND_OFFLINE)),
                            alice.nothing(notice).rule("OFF-3"), dave.nothing(cmd(FRIEND_OFFLINE)).rule("OFF-4"));
                    s.checks("OFF-1");
                    bob.chats(alice, "bye?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                })
                .core("offline.offline-friends", "Friends who are offline get no friend_offline, not even later", "OFF-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.registered("bob");
                    s.friends(alice, bob);
                    s.checks("OFF-5");
                    alice.goesOffline();
                    bob.login();
                    bob.receives(reply(LOGIN_REPLY, SUCCESS));
                    s.quiet(bob.nothing(cmd(FRIEND_OFFLINE)));
                })
                .core("offline.tcp-drop", "A dropped connection counts as offline for friends", "OFF-6 OFF-7", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("OFF-6");
                    alice.drops();
                    bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()));
                    s.quiet(bob.nothing(cmd(FRIEND_OFFLINE)));
                    s.checks("OFF-7");
                    bob.chats(alice, "still there?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                })
                .core("offline.relogin", "After offline the user logs in again with friends and groups intact", "OFF-8", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    String g = s.group(alice, bob);
                    s.given(() -> {
                        alice.goesOffline();
                        bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()));
                    });
                    s.checks("OFF-8");
                    alice.reconnects().login();
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    bob.receives(msg(FRIEND_LOGIN).with("friend", alice.name()));
                    alice.adds(bob);
                    alice.receives(reply(ADD_REPLY, ALREADY_FRIEND));
                    alice.asksMembers(g);
                    alice.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g)
                            .withMembers("member", new LinkedHashSet<>(List.of(alice.name(), bob.name()))));
                })
                .core("offline.observations", "Reply to offline and connection close (recorded)", "OFF-9", s -> {
                    Actor alice = s.user("alice");
                    s.checks("OFF-9");
                    alice.sends(Messages.offline(alice.name()));
                    var seen = s.observe(alice).get(alice);
                    s.record("OFF-9", "after offline the sender received: " + Scenario.render(seen)
                            + "; connection " + (alice.client().closedByServer() ? "closed by the server" : "left open"));
                })
                .cases();
    }
}
