package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 13 of PROTOCOL.md, extension: errors (ERR-*). */
final class ErrCases {
    private ErrCases() {
    }

    /** Sends raw text and expects one reply, on the current rules. */
    static void rejects(Actor a, String raw, String replyCmd, String result) {
        a.sendsRaw(raw.endsWith("\n") ? raw : raw + "\n");
        a.receives(reply(replyCmd, result));
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("ext-errors")
                .risky("err.bad-json", "Unparseable input gets bad_json and the connection resyncs", "ERR-1 ERR-3 ERR-11", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-1", "ERR-3");
                    rejects(alice, "{\"cmd\":\"register\",}", ERROR, BAD_JSON);
                    rejects(alice, "this is not json", ERROR, BAD_JSON);
                    java.io.ByteArrayOutputStream badUtf8 = new java.io.ByteArrayOutputStream();
                    badUtf8.writeBytes("{\"cmd\":\"register\",\"user\":\"".getBytes(StandardCharsets.UTF_8));
                    badUtf8.writeBytes(new byte[]{(byte) 0xff, (byte) 0xfe});
                    badUtf8.writeBytes("\",\"password\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
                    alice.sendsRaw(badUtf8.toByteArray());
                    alice.receives(reply(ERROR, BAD_JSON));
                    s.checks("ERR-11", "ERR-3");
                    alice.sends(Messages.createGroup(alice.name(), s.freshName("after-error")));
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).withAny("group"));
                })
                .risky("err.non-object", "JSON values that are not objects get bad_json", "ERR-2", s -> {
                    Actor alice = s.client("alice");
                    s.checks("ERR-2");
                    for (String v : List.of("[1,2]", "\"text\"", "42", "true", "false", "null")) {
                        rejects(alice, v, ERROR, BAD_JSON);
                    }
                })
                .risky("err.unknown-cmd", "Missing, non-string and unknown cmd get unknown_cmd", "ERR-4 ERR-5", s -> {
                    Actor alice = s.client("alice");
                    s.checks("ERR-4");
                    rejects(alice, "{\"user\":\"x\"}", ERROR, UNKNOWN_CMD);
                    rejects(alice, "{\"cmd\":5}", ERROR, UNKNOWN_CMD);
                    s.checks("ERR-5");
                    rejects(alice, "{\"cmd\":\"fly\"}", ERROR, UNKNOWN_CMD);
                    rejects(alice, "{\"cmd\":\"login_reply\",\"result\":\"success\"}", ERROR, UNKNOWN_CMD);
                })
                .risky("err.missing-field", "A command missing a required field gets <cmd>_reply bad_request", "ERR-6", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-6");
                    // every field of every command of the protocol's command table, one at a time
                    for (TableProbes.Probe p : TableProbes.missingFields(alice.name(), s.freshName("nobody"),
                            s.env().settings().numericLength())) {
                        rejects(alice, p.message().toJson(), p.reply(), BAD_REQUEST);
                    }
                })
                .risky("err.wrong-type", "A required field of the wrong JSON type gets bad_request", "ERR-7", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-7");
                    for (TableProbes.Probe p : TableProbes.wrongTypes(alice.name(), s.freshName("nobody"),
                            s.env().settings().numericLength())) {
                        rejects(alice, p.message().toJson(), p.reply(), BAD_REQUEST);
                    }
                })
                .risky("err.bad-length", "A length that is not a non-negative integer gets bad_request", "ERR-8", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("ERR-8");
                    Message base = Messages.sendFile(alice.name(), bob.name(), 1, "f.txt");
                    for (Object bad : new Object[]{"-1", "1.5", "1e3", "", "abc", -1, 1.5, true}) {
                        rejects(alice, base.with("length", bad).toJson(), SEND_FILE_REPLY, BAD_REQUEST);
                    }
                    s.quiet(bob.nothing());
                })
                .risky("err.empty-name", "An empty name gets bad_request", "ERR-9", s -> {
                    Actor alice = s.user("alice");
                    s.checks("ERR-9");
                    for (TableProbes.Probe p : TableProbes.emptyNames(alice.name(), s.freshName("nobody"),
                            s.env().settings().numericLength())) {
                        rejects(alice, p.message().toJson(), p.reply(), BAD_REQUEST);
                    }
                })
                .risky("err.no-side-effects", "A rejected command changes nothing and notifies nobody",
                        "ERR-10 ERR-11 ERR-12", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    String newcomer = s.freshName("newcomer");
                    String g = s.freshName("ghost-group");
                    s.checks("ERR-10");
                    rejects(alice, Messages.register(newcomer, "pw").with("password", 1).toJson(), REGISTER_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.createGroup(alice.name(), g).with("extra", 1).without("user").toJson(),
                            CREATE_GROUP_REPLY, BAD_REQUEST);
                    rejects(alice, Messages.privateChat(alice.name(), bob.name(), "x").with("text", 7).toJson(),
                            PRIVATE_CHAT_REPLY, BAD_REQUEST);
                    s.quiet(bob.nothing());
                    alice.sends(Messages.register(newcomer, "pw"));
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    s.checks("ERR-11", "ERR-12");
                    alice.createsGroup(g);
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    Message m = bob.chats(alice, "still fine?");
                    bob.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    alice.receives(sameAs(m));
                })
                .risky("err.too-large", "An oversized message gets too_large early, then the connection closes",
                        "ERR-13 ERR-14", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    int limit = s.env().settings().maxMessageSize();
                    StringBuilder big = new StringBuilder("{\"cmd\":\"private_chat\",\"user_from\":\"" + alice.name()
                            + "\",\"user_to\":\"" + bob.name() + "\",\"text\":\"");
                    big.append("x".repeat(limit + 1024));
                    s.checks("ERR-13");
                    alice.sendsRaw(big.toString());
                    alice.receives(reply(ERROR, TOO_LARGE));
                    s.checks("ERR-14");
                    s.require(alice.client().awaitClosed(s.replyTimeout()), "connection left open after too_large",
                            "server closes the connection", "still open after " + s.replyTimeout().toMillis() + " ms");
                    bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()));
                    s.quiet(bob.nothing(cmd(PRIVATE_CHAT)));
                })
                .cases();
    }
}
