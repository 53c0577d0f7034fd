package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Section 8 of PROTOCOL.md, command 6: private chat (PRIV-*). */
final class PrivCases {
    private PrivCases() {
    }

    /** Asks until the server calls {@code to} offline or the reply timeout passes: drops are noticed asynchronously. */
    static String eventuallyOffline(Scenario s, Actor from, Actor to) {
        long deadline = System.nanoTime() + s.replyTimeout().toNanos();
        String result;
        do {
            result = s.privateChatResult(from, to);
            // paced: a few dozen asks per timeout, not thousands (each one lands in the transcript)
        } while (!OFFLINE.equals(result) && System.nanoTime() < deadline && pause(POLL_INTERVAL));
        return result;
    }

    private static final java.time.Duration POLL_INTERVAL = java.time.Duration.ofMillis(50);

    private static boolean pause(java.time.Duration d) {
        java.util.concurrent.locks.LockSupport.parkNanos(d.toNanos());
        return !Thread.currentThread().isInterrupted();
    }

    static List<ConformanceCase> cases() {
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
                    s.quiet(bob.nothing(cmd(PRIVATE_CHAT)), carol.nothing(cmd(PRIVATE_CHAT)).rule("PRIV-7"));
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
                    alice.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE).rule("PRIV-3"));
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
}
