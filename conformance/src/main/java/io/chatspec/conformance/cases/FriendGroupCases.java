package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Messages;

import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Commands 3-5: add friend, create group, join group. */
final class FriendGroupCases {
    private FriendGroupCases() {
    }

    static List<ConformanceCase> add() {
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
                    s.quiet(bob.nothing(cmd(ADD_FRIEND_REPLY)), alice.nothing(cmd(ADD_FRIEND_REPLY)), carol.nothing(cmd(ADD_FRIEND_REPLY)));
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
                    alice.receives(msg(ADD_REPLY).with("result", SUCCESS).with("friend", bob.name()));
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

    static List<ConformanceCase> groups() {
        return new CaseBook("group")
                .core("group.create.new", "Creating a new group; the creator is its only member", "CGROUP-1 CGROUP-3", s -> {
                    Actor alice = s.user("alice");
                    String g = s.freshName("study");
                    s.checks("CGROUP-1");
                    alice.createsGroup(g);
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    s.checks("CGROUP-3");
                    alice.asksMembers(g);
                    alice.receives(msg(GET_GROUP_MEMBER_REPLY).withMembers("member", Set.of(alice.name())).with("group", g));
                })
                .core("group.create.existing", "Creating an existing group, by anyone including the creator", "CGROUP-2", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    String g = s.group(alice);
                    s.checks("CGROUP-2");
                    bob.createsGroup(g);
                    bob.receives(reply(CREATE_GROUP_REPLY, GROUP_EXIST));
                    alice.createsGroup(g);
                    alice.receives(reply(CREATE_GROUP_REPLY, GROUP_EXIST));
                })
                .core("group.join.missing", "Joining a missing group creates nothing", "JOIN-1", s -> {
                    Actor alice = s.user("alice");
                    String g = s.freshName("nowhere");
                    s.checks("JOIN-1");
                    alice.joins(g);
                    alice.receives(reply(ADD_GROUP_REPLY, GROUP_NOT_EXIST));
                    alice.createsGroup(g);
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                })
                .core("group.join.already", "Joining again, and the creator joining, says user_in_group", "JOIN-2", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    String g = s.group(alice, bob);
                    s.checks("JOIN-2");
                    bob.joins(g);
                    bob.receives(reply(ADD_GROUP_REPLY, USER_IN_GROUP));
                    alice.joins(g);
                    alice.receives(reply(ADD_GROUP_REPLY, USER_IN_GROUP));
                })
                .core("group.join.success", "Joining makes the user a member who gets the group's messages",
                        "JOIN-3 JOIN-4", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    String g = s.group(alice);
                    s.checks("JOIN-3");
                    bob.joins(g);
                    bob.receives(msg(ADD_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    s.checks("JOIN-4");
                    bob.asksMembers(g);
                    bob.receives(msg(GET_GROUP_MEMBER_REPLY).withMembers("member", Set.of(alice.name(), bob.name()))
                            .with("group", g));
                    var m = alice.posts(g, "welcome");
                    alice.receives(reply(GROUP_CHAT_REPLY, SUCCESS));
                    bob.receives(io.chatspec.conformance.dsl.Expect.sameAs(m));
                })
                .cases();
    }
}
