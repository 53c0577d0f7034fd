package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;

import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 6 of PROTOCOL.md, command 4: create group (CGROUP-*). */
final class CgroupCases {
    private CgroupCases() {
    }

    static List<ConformanceCase> cases() {
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
                .cases();
    }
}
