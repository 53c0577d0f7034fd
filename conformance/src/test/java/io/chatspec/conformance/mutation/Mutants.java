package io.chatspec.conformance.mutation;

import io.chatspec.protocol.Message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The catalogue of deliberate faults; each names the rules the suite must fail when it meets the fault. */
public final class Mutants {
    private Mutants() {
    }

    /** Cases that see every kind of server message: replies, notifications, fan-out, port messages. */
    private static final String WRITE_STYLE_CASES = "message.tour login.* framing.* gchat.* file.relay.64kib.*";

    /** Mutant built from parts; the interface defaults cover what a fault leaves alone. */
    static final class Spec implements Mutant {
        final String name;
        final Set<String> rules;
        final List<String> cases;
        BiFunction<FaultProxy.Conn, Message, List<Message>> server = (c, m) -> List.of(m);
        BiFunction<FaultProxy.Conn, Message, List<Message>> client;
        Output output = Output.NORMAL;
        boolean keepUpstream;
        RelayFilter relay;
        Set<String> nonStrict = Set.of();
        boolean onePerRead;

        Spec(String name, String rules, String cases) {
            this.name = name;
            this.rules = rules.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(rules.split(" ")));
            this.cases = Arrays.asList(cases.split(" "));
        }

        Spec server(BiFunction<FaultProxy.Conn, Message, List<Message>> f) {
            server = f;
            return this;
        }

        Spec client(BiFunction<FaultProxy.Conn, Message, List<Message>> f) {
            client = f;
            return this;
        }

        Spec output(Output o) {
            output = o;
            return this;
        }

        Spec readsOneMessagePerRecv() {
            onePerRead = true;
            return this;
        }

        @Override
        public boolean oneMessagePerRead() {
            return onePerRead;
        }

        Spec keepUpstreamOnDrop() {
            keepUpstream = true;
            return this;
        }

        Spec nonStrict(String... rules) {
            nonStrict = Set.of(rules);
            return this;
        }

        @Override
        public Set<String> nonStrictRules() {
            return nonStrict;
        }

        Spec relay(RelayFilter f) {
            relay = f;
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> expectedRules() {
            return rules;
        }

        @Override
        public List<String> cases() {
            return cases;
        }

        @Override
        public boolean interceptsClient() {
            return client != null;
        }

        @Override
        public boolean keepsUpstreamOpenOnDrop() {
            return keepUpstream;
        }

        @Override
        public List<Message> fromClient(FaultProxy.Conn conn, Message m) {
            return client.apply(conn, m);
        }

        @Override
        public List<Message> fromServer(FaultProxy.Conn conn, Message m) {
            List<Message> out = server.apply(conn, m);
            if (relay != null && ("send_file_port_reply".equals(m.cmd()) || "recv_file_port_reply".equals(m.cmd()))
                    && m.get("port") != null && m.get("port").isInt()) {
                int tap = conn.proxy().tapRelay(m.get("port").asInt(), Long.parseLong(m.asText("length")));
                out = out.stream().map(x -> x.has("port") ? x.with("port", tap) : x).toList();
            }
            return out;
        }

        @Override
        public Output output() {
            return output;
        }

        @Override
        public byte[] relayDown(byte[] chunk, long offset, long length) {
            return relay == null ? chunk : relay.apply(chunk, offset, length);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface RelayFilter {
        byte[] apply(byte[] chunk, long offset, long length);
    }

    // --- helpers to write faults tersely ---

    private static boolean is(Message m, String cmd) {
        return cmd.equals(m.cmd());
    }

    private static boolean is(Message m, String cmd, String result) {
        return cmd.equals(m.cmd()) && result.equals(m.result());
    }

    private static List<Message> one(Message m) {
        return List.of(m);
    }

    private static List<Message> others(FaultProxy.Conn self, Message m) {
        List<Message> out = new ArrayList<>();
        self.proxy().online.values().stream().filter(c -> c != self).forEach(c -> c.send(m));
        return out;
    }

    private static Spec rewrite(String name, String rules, String cases,
                                java.util.function.Predicate<Message> when, java.util.function.UnaryOperator<Message> how) {
        return new Spec(name, rules, cases).server((c, m) -> when.test(m) ? one(how.apply(m)) : one(m));
    }

    private static Spec drop(String name, String rules, String cases, java.util.function.Predicate<Message> when) {
        return new Spec(name, rules, cases).server((c, m) -> when.test(m) ? List.of() : one(m));
    }

    public static List<Mutant> all() {
        List<Mutant> all = new ArrayList<>();
        // register
        all.add(rewrite("register-duplicate-succeeds", "REG-2", "register.*",
                m -> is(m, "register_reply", "failure"), m -> m.with("result", "success")));
        all.add(rewrite("register-always-fails", "REG-1", "register.new",
                m -> is(m, "register_reply", "success"), m -> m.with("result", "failure")));
        all.add(rewrite("register-reply-capitalised", "MSG-1 REG-1", "register.new message.*",
                m -> is(m, "register_reply"), m -> Message.of(m.without("cmd").toNode().put("cmd", "Register_reply"))));
        // login
        // a misspelt reply is MSG-1's, and only MSG-1's: the login rules cannot be judged through it
        all.add(rewrite("login-reply-spelled-login-replay", "MSG-1", "login.* message.tour",
                m -> is(m, "login_reply"), m -> Message.of(m.toNode().put("cmd", "login_replay"))));
        all.add(rewrite("login-errors-swapped", "LOGIN-1 LOGIN-2", "login.*",
                m -> is(m, "login_reply") && !"success".equals(m.result()),
                m -> m.with("result", "user_not_exist".equals(m.result()) ? "password_error" : "user_not_exist")));
        all.add(drop("no-friend-login", "LOGIN-4 ADD-8", "login.friend-login add.mutual-notifications",
                m -> is(m, "friend_login")));
        all.add(new Spec("friend-login-to-strangers", "LOGIN-7 LOGIN-4", "login.friend-login").server((c, m) -> {
            if (is(m, "login_reply", "success")) {
                others(c, Message.of("friend_login", "friend", c.pendingLogin));
            }
            return one(m);
        }));
        all.add(new Spec("friend-login-to-self", "LOGIN-6", "login.friend-login").server((c, m) ->
                is(m, "login_reply", "success") ? List.of(m, Message.of("friend_login", "friend", c.pendingLogin)) : one(m)));
        all.add(new Spec("friend-login-twice", "LOGIN-4", "login.friend-login").server((c, m) ->
                is(m, "friend_login") ? List.of(m, m) : one(m)));
        // add
        all.add(rewrite("already-friend-reported-as-success", "ADD-2 ADD-7", "add.*",
                m -> is(m, "add_reply", "already_friend"), m -> m.with("result", "success")));
        all.add(drop("no-add-friend-reply", "ADD-4", "add.success", m -> is(m, "add_friend_reply")));
        all.add(new Spec("add-friend-reply-names-recipient", "ADD-4", "add.success").server((c, m) ->
                is(m, "add_friend_reply") ? one(m.with("result", String.valueOf(c.user))) : one(m)));
        all.add(rewrite("add-reply-without-friend", "ADD-3", "add.success add.offline-target",
                m -> is(m, "add_reply", "success"), m -> m.without("friend")));
        all.add(oneWayFriendship());
        // groups
        all.add(new Spec("create-existing-group-succeeds", "CGROUP-2", "group.create.*").server((c, m) -> {
            if (is(m, "create_group_reply", "group_exist")) {
                Message req = c.lastCommand.get("create_group");
                return one(Message.of("create_group_reply", "result", "success", "group", req.text("group")));
            }
            return one(m);
        }));
        all.add(creatorNotMember());
        all.add(rewrite("join-twice-succeeds", "JOIN-2", "group.join.*",
                m -> is(m, "add_group_reply", "user_in_group"), m -> m.with("result", "success")));
        all.add(rewrite("join-reply-without-group", "JOIN-3", "group.join.success",
                m -> is(m, "add_group_reply", "success"), m -> m.without("group")));
        // private chat
        all.add(rewrite("private-forward-drops-text", "PRIV-1", "private.delivered",
                m -> is(m, "private_chat"), m -> m.without("text")));
        all.add(new Spec("private-forward-twice", "PRIV-1", "private.delivered").server((c, m) ->
                is(m, "private_chat") ? List.of(m, m) : one(m)));
        all.add(rewrite("private-offline-reported-as-success", "PRIV-3 PRIV-4 REG-5", "private.* register.does-not-login",
                m -> is(m, "private_chat_reply", "offline"), m -> m.with("result", "success")));
        // seen in real servers: the forward goes out under the reply's name; MSG-1 only, not FRAME-2 (all bytes are
        // JSON objects) nor the login or framing rules of the cases that merely use a forward
        all.add(rewrite("forward-under-wrong-cmd", "MSG-1", "private.delivered login.success framing.braces-in-strings",
                m -> is(m, "private_chat"), m -> Message.of(m.toNode().put("cmd", "private_chat_msg"))));
        all.add(new Spec("private-forward-to-everyone", "PRIV-7", "private.delivered").server((c, m) -> {
            if (is(m, "private_chat")) {
                others(c, m);
            }
            return one(m);
        }));
        // group chat
        all.add(new Spec("group-fan-out-to-one-member", "GCHAT-1", "gchat.fan-out").server((c, m) -> {
            if (is(m, "group_chat")) {
                String key = "fwd:" + m.toJson();
                return c.proxy().memory.putIfAbsent(key, Boolean.TRUE) == null ? one(m) : List.of();
            }
            return one(m);
        }));
        // members get the broadcast and their own copy: GCHAT-1 (exactly once) breaks too
        all.add(new Spec("group-chat-to-non-members", "GCHAT-4 GCHAT-1", "gchat.fan-out").server((c, m) -> {
            if (is(m, "group_chat") && c.proxy().memory.putIfAbsent("bcast:" + m.toJson(), Boolean.TRUE) == null) {
                c.proxy().online.values().forEach(o -> o.send(m));
                return List.of();
            }
            return one(m);
        }));
        all.add(drop("no-group-chat-reply", "GCHAT-2 MSG-6", "gchat.fan-out message.tour", m -> is(m, "group_chat_reply")));
        // member list
        all.add(rewrite("member-list-duplicates-a-name", "MEMBER-2 CGROUP-3", "members.set group.create.new",
                m -> is(m, "get_group_member_reply") && m.text("member") != null,
                m -> m.with("member", m.text("member") + "|" + m.text("member").split("\\|")[0])));
        all.add(rewrite("member-list-comma-separated", "MEMBER-2 CGROUP-3 JOIN-4", "members.set group.join.success",
                m -> is(m, "get_group_member_reply") && m.text("member") != null,
                m -> m.with("member", m.text("member").replace('|', ','))));
        all.add(new Spec("member-list-only-online", "MEMBER-3", "members.set").server((c, m) -> {
            if (is(m, "get_group_member_reply") && m.text("member") != null) {
                String kept = Arrays.stream(m.text("member").split("\\|"))
                        .filter(c.proxy().online::containsKey).collect(Collectors.joining("|"));
                return one(m.with("member", kept));
            }
            return one(m);
        }));
        // offline
        all.add(new Spec("offline-ignored", "OFF-1 OFF-2 PRIV-4", "offline.notifies-friends private.after-offline")
                .client((c, m) -> is(m, "offline") ? List.of() : one(m)));
        all.add(new Spec("friend-offline-also-to-self", "OFF-3", "offline.notifies-friends").server((c, m) -> {
            if (is(m, "friend_offline")) {
                FaultProxy.Conn self = c.proxy().connections.stream()
                        .filter(x -> m.text("friend").equals(x.pendingLogin)).findFirst().orElse(null);
                if (self != null) {
                    self.send(m);
                }
            }
            return one(m);
        }));
        // OFF-6, OFF-7 and PRIV-5 are SHOULD rules: broken, they are NON-STRICT (FAIL only under --strict)
        all.add(new Spec("tolerated-tcp-drop-not-noticed", "", "offline.tcp-drop private.after-drop")
                .keepUpstreamOnDrop().nonStrict("OFF-6", "PRIV-5"));
        // framing: one recv() per message drops the second of two commands sent in one segment (FRAME-7 only;
        // every other case sends one command per write)
        all.add(new Spec("one-message-per-read", "FRAME-7", "*").readsOneMessagePerRecv());
        // files
        all.add(drop("no-recv-file-port-reply", "FILE-3", "file.relay.1b.*", m -> is(m, "recv_file_port_reply")));
        // port replies are judged field by field: each fault FAILs the one rule of the field it breaks
        all.add(rewrite("port-as-string", "FILE-4", "file.relay.1b.*",
                m -> is(m, "send_file_port_reply") || is(m, "recv_file_port_reply"), m -> m.with("port", m.asText("port"))));
        all.add(rewrite("length-echoed-as-number", "MSG-3", "file.length.string",
                m -> (is(m, "send_file_port_reply") || is(m, "recv_file_port_reply")) && m.get("length").isTextual(),
                m -> m.with("length", Long.parseLong(m.text("length")))));
        all.add(rewrite("filename-changed-for-recipient", "FILE-5", "file.relay.1b.*",
                m -> is(m, "recv_file_port_reply"), m -> m.with("filename", "renamed.bin")));
        all.add(rewrite("recipient-told-another-port", "FILE-3", "file.relay.1b.*",
                m -> is(m, "recv_file_port_reply") && m.get("port").isInt(), m -> m.with("port", m.get("port").asInt() + 1)));
        all.add(drop("file-offline-not-answered", "FILE-1", "file.recipient-offline", m -> is(m, "send_file_reply", "offline")));
        all.add(new Spec("relay-one-byte-short", "FILE-7 FILE-8", "file.relay.1b.* file.relay.64kib.*").relay((chunk, off, len) -> {
            long end = off + chunk.length;
            return end < len ? chunk : Arrays.copyOf(chunk, (int) Math.max(0, Math.min(chunk.length, len - 1 - off)));
        }));
        all.add(new Spec("relay-one-byte-flipped", "FILE-7 FILE-8", "file.relay.64kib.*").relay((chunk, off, len) -> {
            if (off <= 100 && off + chunk.length > 100) {
                chunk[(int) (100 - off)] ^= 0x01;
            }
            return chunk;
        }));
        all.add(drop("no-timeout-notice", "FILE-13 FILE-14", "file.timeout.*", m -> is(m, "send_file_reply", "timeout")));
        // extensions
        all.add(drop("bad-json-not-answered", "ERR-1", "err.bad-json", m -> is(m, "error", "bad_json")));
        all.add(rewrite("not-logged-in-reported-as-success", "SESS-1", "sess.not-logged-in",
                m -> "not_logged_in".equals(m.result()), m -> m.with("result", "success")));
        // tolerated: interoperable but not strict
        all.add(new Spec("tolerated-replies-coalesced", "", "framing.coalesced message.tour gchat.fan-out")
                .output(Mutant.Output.COALESCED));
        all.add(new Spec("tolerated-replies-split-byte-by-byte", "", "message.tour framing.coalesced")
                .output(Mutant.Output.SPLIT_BYTES));
        all.add(new Spec("tolerated-no-trailing-newline", "", "*")
                .output(Mutant.Output.NO_NEWLINE).nonStrict("FRAME-3"));
        // both checked once over every case (no FAIL, FRAME-3 NON-STRICT only); here on a representative set
        all.add(new Spec("tolerated-styled-json", "", WRITE_STYLE_CASES).output(Mutant.Output.STYLED)
                .nonStrict("FRAME-3"));
        all.add(new Spec("tolerated-seed-semicolons", "", WRITE_STYLE_CASES).output(Mutant.Output.SEMICOLON)
                .nonStrict("FRAME-3"));
        all.add(rewrite("tolerated-extra-field", "", "message.tour", m -> true, m -> m.with("server_time", "now"))
                .nonStrict("MSG-5"));
        // LOGIN-9 INFO: a server may send more after login_reply; silences and order checks must not trip on it
        all.add(new Spec("tolerated-online-friends-after-login", "",
                "login.* message.tour offline.notifies-friends private.delivered framing.coalesced framing.separators "
                        + "add.success gchat.fan-out")
                .server((c, m) -> is(m, "login_reply", "success")
                        ? List.of(m, Message.of("online_friends", "friends", "")) : one(m)));
        // PRIV-9 / GCHAT-5 INFO: a server may echo a chat back to its sender
        all.add(new Spec("tolerated-echo-chats-to-sender", "",
                "message.tour framing.braces-in-strings edge.takeover private.delivered gchat.fan-out")
                .server((c, m) -> {
                    if (is(m, "private_chat_reply", "success") && c.lastCommand.get("private_chat") != null) {
                        return List.of(m, c.lastCommand.get("private_chat"));
                    }
                    if (is(m, "group_chat_reply", "success") && c.lastCommand.get("group_chat") != null) {
                        return List.of(m, c.lastCommand.get("group_chat"));
                    }
                    return one(m);
                }));
        all.addAll(RelayFaults.all());
        return all;
    }

    /** A adds B, but only A's side is recorded: B's reverse add succeeds and A hears nothing of B. */
    private static Mutant oneWayFriendship() {
        return new Spec("one-way-friendship", "ADD-7 ADD-8", "add.mutual add.mutual-notifications")
                .client((c, m) -> {
                    if (is(m, "add") && c.proxy().memory.containsKey("friend:" + m.text("friend") + ">" + m.text("user"))) {
                        c.replyDirectly(Message.of("add_reply", "result", "success", "friend", m.text("friend")));
                        return List.of();
                    }
                    return one(m);
                })
                .server((c, m) -> {
                    if (is(m, "add_reply", "success") && c.user != null) {
                        c.proxy().memory.put("friend:" + c.user + ">" + m.text("friend"), Boolean.TRUE);
                    }
                    if ((is(m, "friend_login") || is(m, "friend_offline")) && c.user != null
                            && c.proxy().memory.containsKey("friend:" + c.user + ">" + m.text("friend"))) {
                        return List.of();
                    }
                    return one(m);
                });
    }

    /** The creator is left out of member lists. */
    private static Mutant creatorNotMember() {
        return new Spec("creator-not-a-member", "CGROUP-3 MEMBER-3", "group.create.new members.set").server((c, m) -> {
            if (is(m, "create_group_reply", "success") && c.user != null) {
                c.proxy().memory.put("creator:" + m.text("group"), c.user);
            }
            if (is(m, "get_group_member_reply") && m.text("member") != null) {
                Object creator = c.proxy().memory.get("creator:" + m.text("group"));
                if (creator != null) {
                    String kept = Arrays.stream(m.text("member").split("\\|")).filter(x -> !x.equals(creator))
                            .collect(Collectors.joining("|"));
                    return one(m.with("member", kept));
                }
            }
            return one(m);
        });
    }
}
