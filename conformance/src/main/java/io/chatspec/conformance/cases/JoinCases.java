package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;

import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 7 of PROTOCOL.md, command 5: join group (JOIN-*). */
final class JoinCases {
    private JoinCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("group")
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
