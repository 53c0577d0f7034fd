package io.chatspec.conformance.cases;

import io.chatspec.conformance.dsl.Actor;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static io.chatspec.conformance.dsl.Expect.msg;
import static io.chatspec.conformance.dsl.Expect.reply;
import static io.chatspec.conformance.dsl.Expect.sameAs;
import static io.chatspec.conformance.dsl.Expect.specMessage;
import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/** Section 1 of PROTOCOL.md: transport and framing (FRAME-*). */
final class FrameCases {
    private FrameCases() {
    }

    static List<ConformanceCase> cases() {
        return new CaseBook("framing")
                .core("framing.server-output", "Server messages are complete objects, one per segment, newline-terminated",
                        "FRAME-2 FRAME-3 FRAME-4", s -> {
                    // The checked steps wait for one message at a time, so those are never due together: two of
                    // them in one read can only be the server's doing. Reads that also hold a message nobody waited
                    // for (a login extra, an echo) are not judged. FRAME-2/3 are judged in every case.
                    s.judgeSegmentation();
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    s.checks("FRAME-2", "FRAME-3", "FRAME-4");
                    String g = s.group(alice, bob);
                    // the messages only carry the framing facts: a wrong one is its command's rule, never FRAME-2
                    alice.posts(g, "burst");
                    alice.receives(reply(GROUP_CHAT_REPLY, SUCCESS).rule("GCHAT-2"));
                    bob.receives(cmd(GROUP_CHAT).rule("GCHAT-1"));
                    // no sync() barrier here: its reply could be due together with another message
                    alice.sends(Messages.offline(alice.name()));
                    bob.receives(msg(FRIEND_OFFLINE).with("friend", alice.name()).rule("OFF-2"));
                })
                .core("framing.concurrent-connections", "A connection holding half a message does not block others",
                        "FRAME-1", s -> {
                    Actor slow = s.client("slow");
                    Actor fast = s.client("fast");
                    byte[] whole = Messages.register(slow.name(), "pw").toJsonBytes();
                    s.checks("FRAME-1");
                    slow.sendsRaw(Arrays.copyOfRange(whole, 0, whole.length / 2));
                    fast.register();
                    fast.receives(reply(REGISTER_REPLY, SUCCESS));
                    slow.sendsRaw(Arrays.copyOfRange(whole, whole.length / 2, whole.length));
                    slow.receives(reply(REGISTER_REPLY, SUCCESS));
                })
                .risky("framing.no-newline", "A command without trailing newline is processed", "FRAME-5", s -> {
                    Actor alice = s.client("alice");
                    s.checks("FRAME-5");
                    alice.sendsRaw(Messages.register(alice.name(), "pw").toJson());
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                })
                .risky("framing.split", "A command split over segments (inside a UTF-8 character) is processed once",
                        "FRAME-6", s -> {
                    Actor alice = s.client("alice");
                    String name = s.freshName("小明");
                    byte[] bytes = (Messages.register(name, "pw").toJson() + "\n").getBytes(StandardCharsets.UTF_8);
                    String json = new String(bytes, StandardCharsets.UTF_8);
                    // one byte into the three-byte UTF-8 sequence of 小
                    int cut = json.substring(0, json.indexOf('小')).getBytes(StandardCharsets.UTF_8).length + 1;
                    s.checks("FRAME-6");
                    alice.sendsRaw(Arrays.copyOfRange(bytes, 0, 5));
                    s.quiet(alice.nothing());
                    alice.sendsRaw(Arrays.copyOfRange(bytes, 5, cut));
                    s.quiet(alice.nothing());
                    alice.sendsRaw(Arrays.copyOfRange(bytes, cut, bytes.length));
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    s.quiet(alice.nothing());
                    alice.sends(Messages.login(name, "pw"));
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                })
                .risky("framing.coalesced", "Several commands in one segment are all processed, replies in order",
                        "FRAME-7 MSG-7", s -> {
                    Actor alice = s.client("alice");
                    String g = s.freshName("g");
                    String burst = Messages.register(alice.name(), alice.password()).toJson()
                            + Messages.login(alice.name(), alice.password()).toJson()
                            + Messages.createGroup(alice.name(), g).toJson() + "\n";
                    s.checks("FRAME-7");
                    alice.sendsRaw(burst);
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    alice.receives(msg(CREATE_GROUP_REPLY).with("result", SUCCESS).with("group", g));
                    s.checks("MSG-7");
                    // only the three replies: a server may send more after login_reply (LOGIN-9)
                    List<String> order = s.receivedCmds(alice).stream()
                            .filter(c -> c.equals(REGISTER_REPLY) || c.equals(LOGIN_REPLY) || c.equals(CREATE_GROUP_REPLY))
                            .toList();
                    s.require(order.equals(List.of(REGISTER_REPLY, LOGIN_REPLY, CREATE_GROUP_REPLY)),
                            "replies out of command order", "register_reply, login_reply, create_group_reply",
                            String.join(", ", order));
                })
                .risky("framing.pipelined-send-file", "A send_file pipelined with another command: replies in order",
                        "MSG-7", s -> {
                    // send_file's reply depends on the relay port, which a server may open asynchronously; the
                    // reply must still come before the reply to a command sent after it.
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    String g = s.group(alice);
                    // length 0, and both relay parties connect at the end: the port is freed at once instead of being
                    // held until the transfer timeout (where it could make a later case, edge.relay-busy, see busy)
                    Message offer = s.sendFile(alice, bob, 0, "pipelined.bin");
                    alice.sendsRaw(offer.toJson() + "\n" + Messages.getGroupMember(g).toJson() + "\n");
                    Message port = alice.receives(msg(SEND_FILE_PORT_REPLY).withPort().allowing("length", "filename"));
                    s.track(() -> Transfers.finishEmpty(s, port));
                    // sent in the same write as send_file: a server that reads one message per recv() loses it (FRAME-7)
                    alice.receives(msg(GET_GROUP_MEMBER_REPLY).with("group", g).withMembers("member", Set.of(alice.name()))
                            .rule("FRAME-7"));
                    s.checks("MSG-7");
                    List<String> order = s.receivedCmds(alice).stream()
                            .filter(c -> c.equals(SEND_FILE_PORT_REPLY) || c.equals(GET_GROUP_MEMBER_REPLY)).toList();
                    s.require(order.equals(List.of(SEND_FILE_PORT_REPLY, GET_GROUP_MEMBER_REPLY)),
                            "replies out of command order", "send_file_port_reply, get_group_member_reply",
                            String.join(", ", order));
                })
                .risky("framing.separators", "Whitespace and ; after a command are ignored", "FRAME-8", s -> {
                    // one command per write, as the seed's clients send them: coalescing is FRAME-7's to judge
                    Actor alice = s.client("alice");
                    s.checks("FRAME-8");
                    alice.sendsRaw(Messages.register(alice.name(), alice.password()).toJson() + " ; \r\n\t;");
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    alice.sendsRaw(Messages.login(alice.name(), alice.password()).toJson() + ";\n");
                    alice.receives(reply(LOGIN_REPLY, SUCCESS));
                    s.quiet(alice.nothing(specMessage()));
                })
                .risky("framing.leading-separators", "Whitespace and ; before a command are ignored", "FRAME-11", s -> {
                    Actor alice = s.client("alice");
                    s.checks("FRAME-11");
                    alice.sendsRaw(" \t;\r\n" + Messages.register(alice.name(), alice.password()).toJson() + "\n");
                    alice.receives(reply(REGISTER_REPLY, SUCCESS));
                    s.quiet(alice.nothing(specMessage()));
                })
                .risky("framing.braces-in-strings", "Braces, ; and escaped newlines inside strings do not split messages",
                        "FRAME-9", s -> {
                    Actor alice = s.user("alice");
                    Actor bob = s.user("bob");
                    s.friends(alice, bob);
                    String text = "}{ ; \"quoted\" \\ back\nslash {\"cmd\":\"register\"}";
                    Message m = Messages.privateChat(alice.name(), bob.name(), text);
                    s.checks("FRAME-9");
                    alice.sends(m);
                    alice.receives(reply(PRIVATE_CHAT_REPLY, SUCCESS));
                    bob.receives(sameAs(m));
                    s.quiet(alice.nothing().exceptCopiesOf(m), bob.nothing());
                })
                .risky(SIMULTANEOUS, "Commands arriving together on 2, 4, 8 and 16 connections are each answered",
                        "FRAME-12", FrameCases::simultaneous)
                .risky("framing.wrong-types", "No field of any wrong JSON type, and no object or array cmd, crashes the "
                        + "server or disturbs another connection", "FRAME-13", FrameCases::wrongTypes)
                .cases();
    }

    static final String SIMULTANEOUS = "framing.simultaneous";
    private static final int[] CROWDS = {2, 4, 8, 16};
    private static final int ROUNDS = 3;

    /**
     * Fresh connections, released together by a barrier, register, then log in, then chat to each other. Servers
     * that share state between connection threads without locking crash here (four registers are often enough).
     */
    private static void simultaneous(io.chatspec.conformance.dsl.Scenario s) {
        java.util.concurrent.ExecutorService senders = s.track(new ClosingPool(16)).pool;
        s.checks("FRAME-12");
        for (int round = 1; round <= ROUNDS; round++) {
            for (int n : CROWDS) {
                List<Actor> crowd = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    crowd.add(s.client("c" + n + "r" + round + "n" + i));
                }
                together(senders, crowd, a -> Messages.register(a.name(), a.password()));
                crowd.forEach(a -> a.receives(cmd(REGISTER_REPLY).rule("FRAME-12")));
                together(senders, crowd, a -> Messages.login(a.name(), a.password()));
                crowd.forEach(a -> a.receives(cmd(LOGIN_REPLY).rule("FRAME-12")));
                together(senders, crowd, a -> Messages.privateChat(a.name(),
                        crowd.get((crowd.indexOf(a) + 1) % crowd.size()).name(), "together"));
                crowd.forEach(a -> a.receives(cmd(PRIVATE_CHAT_REPLY).rule("FRAME-12")));
                crowd.forEach(a -> a.client().drain());
            }
        }
    }

    /** Each actor sends its command from its own thread, all released at once. */
    private static void together(java.util.concurrent.ExecutorService senders, List<Actor> crowd,
                                 java.util.function.Function<Actor, Message> command) {
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(crowd.size());
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (Actor a : crowd) {
            Message m = command.apply(a);
            sent.add(senders.submit(() -> {
                barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
                a.sends(m);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("could not release the crowd together", e);
            }
        }
    }

    /** A sender pool the scenario closes with the case. */
    private static final class ClosingPool implements AutoCloseable {
        final java.util.concurrent.ExecutorService pool;

        ClosingPool(int threads) {
            pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "chatspec-crowd");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * Every field of every command with each wrong JSON type, then an object and an array as {@code cmd}, one at a
     * time; after each, a neighbour's round trip must still be answered. What the sender gets back is ERR-7's
     * business (an extension); here only the server's survival and the neighbour count, claims or not.
     */
    private static void wrongTypes(io.chatspec.conformance.dsl.Scenario s) {
        Actor alice = s.user("alice");
        Actor bob = s.user("bob");
        String nobody = s.freshName("nobody");
        String group = s.freshName("nogroup");
        String u = alice.name();
        List<Message> commands = TableProbes.wellFormedAll(u, nobody, s.env().settings().numericLength());
        List<Message> inputs = new java.util.ArrayList<>();
        for (Message m : commands) {
            for (java.util.Iterator<String> it = m.toNode().fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!"cmd".equals(field)) {
                    WRONG.forEach(w -> inputs.add(m.with(field, w)));
                }
            }
        }
        inputs.add(Messages.register(s.freshName("reg"), "pw").with("cmd", WRONG.get(0)));
        inputs.add(Messages.register(s.freshName("reg"), "pw").with("cmd", WRONG.get(1)));
        s.checks("FRAME-13");
        Message probe = Messages.getGroupMember(group);
        for (Message input : inputs) {
            if (!alice.client().isOpen()) {
                alice.reconnects();
            }
            alice.sendsRaw(input.toJson() + "\n");
            bob.sends(probe);
            boolean answered;
            try {
                bob.client().expectCmd(GET_GROUP_MEMBER_REPLY, s.replyTimeout());
                answered = true;
            } catch (RuntimeException e) {
                answered = false;
            }
            s.require("FRAME-13", answered, "after alice sent " + input.toJson() + ", bob's get_group_member got no "
                    + "reply", "every other connection still served", "no get_group_member_reply for bob within "
                    + s.replyTimeout().toMillis() + " ms");
            alice.client().drain();
            bob.client().drain();
        }
    }

    /** Object, array, null, number, bool: each JSON type a field of the spec never has. */
    private static final List<com.fasterxml.jackson.databind.JsonNode> WRONG = List.of(
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("a", 1),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(1).add("x"),
            com.fasterxml.jackson.databind.node.NullNode.getInstance(),
            com.fasterxml.jackson.databind.node.IntNode.valueOf(42),
            com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
}
