package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.dsl.Restarter;
import io.chatspec.conformance.dsl.Scenario;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.util.List;

import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.protocol.Results.OFFLINE;

/**
 * Section 16 of PROTOCOL.md, extension: durability across restarts (DURABLE-*). Each case builds accounts, a
 * friendship and a group, has the harness stop the target (SIGTERM, or SIGKILL right after the last reply) and
 * start it again, then checks what must have survived and what must not. Risky phase: the restart must not hit
 * other cases.
 */
final class DurableCases {
    private DurableCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("ext-durable")
                .risky("durable.sigterm", "Accounts, friendships and groups survive a SIGTERM restart; sessions do not",
                        "DURABLE-1 DURABLE-2 DURABLE-3 DURABLE-4 DURABLE-5",
                        s -> survivesRestart(s, Restarter.How.SIGTERM))
                .risky("durable.sigkill", "Every acknowledged change survives a SIGKILL right after its reply",
                        "DURABLE-1 DURABLE-2 DURABLE-3 DURABLE-4 DURABLE-5 DURABLE-6",
                        s -> survivesRestart(s, Restarter.How.SIGKILL))
                .cases();
    }

    /** After a SIGKILL every check is also one of DURABLE-6: nothing acknowledged was lost. */
    private static String[] rules(Restarter.How how, String rule) {
        return how == Restarter.How.SIGKILL ? new String[]{rule, "DURABLE-6"} : new String[]{rule};
    }

    private static void survivesRestart(Scenario s, Restarter.How how) {
        Actor alice = s.user("alice");
        Actor bob = s.user("bob");
        Actor carol = s.registered("carol");
        s.friends(alice, bob);
        String g = s.group(alice, bob);
        // The last change is acknowledged just before the stop: for SIGKILL that is the DURABLE-6 window.
        s.restartsTarget(how);
        for (Actor a : List.of(alice, bob, carol)) {
            a.reconnects();
        }
        s.checks(rules(how, "DURABLE-1"));
        // Judged on whatever comes back, and the case stops if the account is gone: a forgetful server would
        // otherwise make every later step wait out the reply timeout.
        Message taken = carol.asks(Messages.register(carol.name(), carol.password()));
        s.require(FAILURE.equals(taken.result()), "an account registered before the restart is gone",
                "{\"cmd\":\"register_reply\",\"result\":\"failure\"}", taken.raw());
        s.checks(rules(how, "DURABLE-2"));
        alice.sends(Messages.login(alice.name(), alice.password() + "-wrong"));
        alice.receives(reply(LOGIN_REPLY, PASSWORD_ERROR));
        s.checks(rules(how, "DURABLE-1"));
        alice.login();
        alice.receives(reply(LOGIN_REPLY, SUCCESS));
        alice.markOnline();
        s.checks("DURABLE-5");
        alice.chats(bob, "are you still online?");
        alice.receives(reply(PRIVATE_CHAT_REPLY, OFFLINE));
        s.checks(rules(how, "DURABLE-3"));
        bob.login();
        bob.receives(reply(LOGIN_REPLY, SUCCESS));
        bob.markOnline();
        alice.receives(msg(FRIEND_LOGIN).with("friend", bob.name()));
        alice.adds(bob);
        alice.receives(reply(ADD_REPLY, ALREADY_FRIEND));
        s.checks(rules(how, "DURABLE-4"));
        carol.asksMembers(g);
        carol.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g).with("member", alice.name() + "|" + bob.name()));
        alice.createsGroup(g);
        alice.receives(reply(CREATE_GROUP_REPLY, GROUP_EXIST));
        bob.joins(g);
        bob.receives(reply(ADD_GROUP_REPLY, USER_IN_GROUP));
    }
}
