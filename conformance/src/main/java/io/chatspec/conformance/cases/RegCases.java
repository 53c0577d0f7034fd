package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Messages;

import java.util.List;

import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/** Section 3 of PROTOCOL.md, command 1: register (REG-*). */
final class RegCases {
    private RegCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("register")
                .core("register.new", "Register a new user name", "REG-1", s -> {
                    Actor alice = s.client("alice");
                    s.checks("REG-1");
                    alice.register();
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                })
                .core("register.duplicate", "Register an existing name fails and keeps the account", "REG-2 REG-3", s -> {
                    Actor alice = s.registered("alice");
                    Actor other = s.client("mallory");
                    s.checks("REG-2");
                    other.sends(Messages.register(alice.name(), "another-password"));
                    other.receives(reply(REGISTER_REPLY, FAILURE));
                    other.sends(Messages.register(alice.name(), alice.password()));
                    other.receives(reply(REGISTER_REPLY, FAILURE));
                    s.checks("REG-3");
                    other.sends(Messages.login(alice.name(), alice.password()));
                    other.receives(reply(LOGIN_REPLY, SUCCESS));
                })
                .core("register.persists", "An account outlives the connection that registered it", "REG-4", s -> {
                    Actor alice = s.registered("alice");
                    alice.reconnects();
                    s.checks("REG-4");
                    alice.login();
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                })
                .core("register.does-not-login", "Register alone does not make a user online", "REG-5", s -> {
                    Actor bob = s.user("bob");
                    Actor alice = s.registered("alice");
                    s.friends(bob, alice);
                    s.checks("REG-5");
                    bob.chats(alice, "hello");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
                    s.quiet(alice.nothing());
                })
                .cases();
    }
}
