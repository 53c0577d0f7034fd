package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Message;

import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.conformance.dsl.Expect.specMessage;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 2 of PROTOCOL.md: general message rules (MSG-*). */
final class MsgCases {
    private MsgCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("message")
                .core("message.tour", "Every reply and notification name, type and field set, one reply per command",
                        "MSG-1 MSG-2 MSG-5 MSG-6", s -> {
                    // names are judged as the target spells them: this case is where an --alias still FAILs MSG-1
                    s.judgesNamesAsSent();
                    Actor alice = s.client("alice");
                    Actor bob = s.client("bob");
                    // a missing or wrong reply is MSG-6's here; a name the spec does not use is MSG-1's wherever it
                    // shows up, and logging in with the spec's field names is MSG-1's too
                    s.checks("MSG-6", "MSG-1", "MSG-2", "MSG-5");
                    for (Actor x : List.of(alice, bob)) {
                        x.register();
                        x.receives(reply(REGISTER_REPLY, SUCCESS).rule("MSG-1"));
                        x.login();
                        x.receives(reply(LOGIN_REPLY, SUCCESS).rule("MSG-1"));
                    }
                    alice.adds(bob);
                    alice.receives(msg(ADD_REPLY).with("result", SUCCESS).with("friend", bob.name()));
                    bob.receives(msg(ADD_FRIEND_REPLY).with("result", alice.name()));
                    String g = s.freshName("tour");
                    alice.createsGroup(g);
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    bob.joins(g);
                    bob.receives(msg(ADD_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    Message pm = alice.chats(bob, "pm");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    bob.receives(sameAs(pm));
                    Message gm = bob.posts(g, "gm");
                    bob.receives(reply(GROUP_CHAT_REPLY, SUCCESS));
                    alice.receives(sameAs(gm));
                    alice.asksMembers(g);
                    alice.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g)
                            .withMembers("member", Set.of(alice.name(), bob.name())));
                    bob.goesOffline();
                    alice.receives(msg(FRIEND_OFFLINE).with("friend", bob.name()));
                    bob.reconnects().login();
                    bob.receives(reply(LOGIN_REPLY, SUCCESS));
                    alice.receives(msg(FRIEND_LOGIN).with("friend", bob.name()));
                    // one reply per command: an echo of one's own chat (PRIV-9/GCHAT-5) and what a server sends
                    // after login_reply (LOGIN-9) are allowed, any further spec message is not
                    s.quiet(alice.nothing(specMessage()).exceptCopiesOf(pm).rule("MSG-6"),
                            bob.nothing(specMessage()).exceptCopiesOf(gm).rule("MSG-6"));
                })
                .core("message.unicode", "Unicode names and text survive, raw UTF-8 and \\u escapes alike", "MSG-4", s -> {
                    Actor a = s.client("小明");
                    Actor b = s.client("Zoë");
                    s.given(() -> {
                        for (Actor x : List.of(a, b)) {
                            x.register();
                            x.receives(reply(REGISTER_REPLY, SUCCESS));
                            x.loggedInNow();
                        }
                    });
                    s.checks("MSG-4");
                    a.adds(b);
                    a.receives(msg(ADD_REPLY).with("result", SUCCESS).with("friend", b.name()));
                    b.receives(msg(ADD_FRIEND_REPLY).with("result", a.name()));
                    Message m = a.chats(b, "你好 🌍 naïve");
                    a.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    b.receives(sameAs(m));
                    String escaped = "{\"cmd\":\"private_chat\",\"user_from\":\"" + escape(a.name()) + "\",\"user_to\":\""
                            + escape(b.name()) + "\",\"text\":\"" + escape("学习 ☃ 😀") + "\"}\n";
                    a.sendsRaw(escaped);
                    a.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    b.receives(msg(PRIVATE_CHAT).with("user_from", a.name()).with("user_to", b.name()).with("text", "学习 ☃ 😀"));
                    String g = s.freshName("学习");
                    a.createsGroup(g);
                    a.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    a.asksMembers(g);
                    a.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g).withMembers("member", Set.of(a.name())));
                })
                .cases();
    }

    /** Every non-ASCII character as a \\u escape (surrogate pairs as two), as some clients send. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x80) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
