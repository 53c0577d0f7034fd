package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.Expect;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.conformance.dsl.Silence;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Commands 6-9: private chat, group chat, member list, offline. */
final class ChatCases {
    private ChatCases() {
    }

    /** Asks until the server calls {@code to} offline or the reply timeout passes: drops are noticed asynchronously. */
    static String eventuallyOffline(Scenario s, Actor from, Actor to) {
        long deadline = System.nanoTime() + s.replyTimeout().toNanos();
        String result;
        do {
            result = s.privateChatResult(from, to);
        } while (!OFFLINE.equals(result) && System.nanoTime() < deadline);
        return result;
    }

    static List<ConformanceCase> privateChat() {
        return new CaseBook("private")
                .core("private.delivered", "Private chat reaches the online recipient exactly once, unchanged",
                        "PRIV-1 PRIV-2 PRIV-7 PRIV-8", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    s.friends(alice, bob);
                    s.checks("PRIV-2", "PRIV-8");
                    Message m = alice.chats(bob, "hello bob");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    s.checks("PRIV-1", "PRIV-8");
                    bob.receives(sameAs(m));
                    s.checks("PRIV-1", "PRIV-7");
                    s.quiet(bob.nothing(cmd(PRIVATE_CHAT)), carol.nothing(cmd(PRIVATE_CHAT)));
                })
                .core("private.never-logged-in", "Private chat to a user who never logged in", "PRIV-3", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.registered("bob");
                    s.friends(alice, bob);
                    s.checks("PRIV-3");
                    alice.chats(bob, "anyone home?");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    s.quiet(bob.nothing());
                })
                .core("private.after-offline", "Private chat to a user who sent offline", "PRIV-4 OFF-1", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.given(() -> {
                        bob.goesOffline();
                        alice.receives(msg(FRIEND_OFFLINE).with("friend", bob.name()));
                    });
                    s.checks("PRIV-4", "OFF-1");
                    alice.chats(bob, "gone?");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    s.quiet(bob.nothing(cmd(PRIVATE_CHAT)));
                })
                .core("private.after-drop", "Private chat to a user whose TCP connection dropped", "PRIV-5", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("PRIV-5");
                    bob.drops();
                    String result = eventuallyOffline(s, alice, bob);
                    s.require(OFFLINE.equals(result), "private_chat to a dropped user did not get offline within "
                            + s.replyTimeout().toMillis() + " ms", "{\"cmd\":\"private_chat_reply\",\"result\":\"offline\"}",
                            "result " + result);
                })
                .core("private.no-store", "Nothing is stored for a later login", "PRIV-6", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.registered("bob");
                    s.friends(alice, bob);
                    s.checks("PRIV-6");
                    alice.chats(bob, "for later?");
                    alice.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    bob.login();
                    bob.receives(reply(LOGIN_REPLY, SUCCESS));
                    s.quiet(bob.nothing(cmd(PRIVATE_CHAT)));
                })
                .core("private.observations", "Echo to sender, chat between non-friends, chat to self (recorded)",
                        "PRIV-9", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    Actor carol = s.user("carol");
                    s.friends(alice, bob);
                    s.checks("PRIV-9");
                    alice.chats(bob, "echo?");
                    Message r1 = alice.receives(cmd(PRIVATE_CHAT_REPLY));
                    var seen = s.observe(alice, bob);
                    s.record("PRIV-9", "reply to a friend: " + r1.raw() + "; sender also received: "
                            + Scenario.render(seen.get(alice)));
                    Message r2 = alice.asks(Messages.privateChat(alice.name(), carol.name(), "stranger?"));
                    s.record("PRIV-9", "chat to a non-friend: " + r2.raw() + "; non-friend received: "
                            + Scenario.render(s.observe(carol).get(carol)));
                    Message r3 = alice.asks(Messages.privateChat(alice.name(), alice.name(), "me?"));
                    s.record("PRIV-9", "chat to self: " + r3.raw() + "; then received: "
                            + Scenario.render(s.observe(alice).get(alice)));
                })
                .cases();
    }

    static List<ConformanceCase> groupChat() {
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
                    silences.add(gina.nothing(cmd(GROUP_CHAT)));
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

    static List<ConformanceCase> members() {
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

    static List<ConformanceCase> offline() {
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
                            alice.nothing(notice), dave.nothing(cmd(FRIEND_OFFLINE)));
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
