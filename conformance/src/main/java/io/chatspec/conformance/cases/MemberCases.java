package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 10 of PROTOCOL.md, command 8: group member list (MEMBER-*). */
final class MemberCases {
    private MemberCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("members")
                .core("members.set", "Member list: every member once, online or not, no one else",
                        "MEMBER-1 MEMBER-2 MEMBER-3 MEMBER-4", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    Actor dave = s.user("dave");
                    Actor erin = s.user("erin");
                    String g = s.group(alice, bob, carol, dave);
                    s.given(() -> dave.goesOffline().reconnects());
                    s.checks("MEMBER-1", "MEMBER-2", "MEMBER-3", "MEMBER-4");
                    erin.asksMembers(g);
                    erin.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g)
                            .withMembers("member", Set.of(alice.name(), bob.name(), carol.name(), dave.name())));
                })
                .core("members.pipe-in-name", "Names containing | (recorded)", "MEMBER-5", s -> {
                    Actor odd = s.client("pipe");
                    String name = s.freshName("a|b");
                    s.checks("MEMBER-5");
                    Message r = odd.asks(Messages.register(name, "pw"));
                    s.record("MEMBER-5", "register of a name with '|': " + r.raw());
                    if (SUCCESS.equals(r.result())) {
                        odd.asks(Messages.login(name, "pw"));
                        String g = s.freshName("pipes");
                        odd.asks(Messages.createGroup(name, g));
                        Message members = odd.asks(Messages.getGroupMember(g));
                        s.record("MEMBER-5", "member list of a group it created: " + members.raw());
                    }
                })
                .cases();
    }
}
