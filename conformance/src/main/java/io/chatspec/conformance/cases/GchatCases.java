package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.Silence;
import io.chatspec.protocol.Message;

import java.util.ArrayList;
import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 9 of PROTOCOL.md, command 7: group chat (GCHAT-*). */
final class GchatCases {
    private GchatCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("group-chat")
                .core("gchat.fan-out", "Group chat reaches every online member once, and no non-member",
                        "GCHAT-1 GCHAT-2 GCHAT-4", s -> {
                    Actor alice = s.user("alice");
                    List<Actor> members = s.users("bob", "carol", "dave", "erin", "frank");
                    Actor gina = s.user("gina");
                    String g = s.group(alice, members.toArray(Actor[]::new));
                    s.checks("GCHAT-2");
                    Message m = alice.posts(g, "hello group");
                    alice.receives(reply(GROUP_CHAT_REPLY, SUCCESS));
                    s.checks("GCHAT-1");
                    for (Actor a : members) {
                        a.receives(sameAs(m));
                    }
                    s.checks("GCHAT-1", "GCHAT-4");
                    List<Silence> silences = new ArrayList<>();
                    members.forEach(a -> silences.add(a.nothing(cmd(GROUP_CHAT))));
                    silences.add(gina.nothing(cmd(GROUP_CHAT)).rule("GCHAT-4"));
                    s.quiet(silences.toArray(Silence[]::new));
                })
                .core("gchat.offline-members", "Offline members get nothing, not even at their next login", "GCHAT-3", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    String g = s.group(alice, bob, carol);
                    s.given(() -> carol.goesOffline().reconnects());
                    s.checks("GCHAT-3");
                    Message m = alice.posts(g, "carol is away");
                    alice.receives(reply(GROUP_CHAT_REPLY, SUCCESS));
                    bob.receives(sameAs(m));
                    carol.login();
                    carol.receives(reply(LOGIN_REPLY, SUCCESS));
                    s.quiet(carol.nothing(cmd(GROUP_CHAT)));
                })
                .core("gchat.echo", "Echo to the sender and reply/forward order (recorded)", "GCHAT-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    String g = s.group(alice, bob);
                    s.checks("GCHAT-5");
                    alice.posts(g, "echo?");
                    alice.receives(cmd(GROUP_CHAT_REPLY));
                    bob.receives(cmd(GROUP_CHAT));
                    var seen = s.observe(alice);
                    long replyAt = s.receivedSeq(alice, x -> GROUP_CHAT_REPLY.equals(x.cmd()));
                    long fwdAt = s.receivedSeq(bob, x -> GROUP_CHAT.equals(x.cmd()));
                    s.record("GCHAT-5", "sender echo: " + (seen.get(alice).stream().anyMatch(x -> GROUP_CHAT.equals(x.cmd()))
                            ? "yes" : "no") + "; reply arrived " + (replyAt < fwdAt ? "before" : "after") + " the forward");
                })
                .cases();
    }
}
