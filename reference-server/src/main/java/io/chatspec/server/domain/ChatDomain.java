package io.chatspec.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Results;
import io.chatspec.server.domain.Effect.Close;
import io.chatspec.server.domain.Effect.OpenTransfer;
import io.chatspec.server.domain.Effect.Send;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.server.store.ChatStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;

/**
 * The whole protocol as a state machine without I/O: inputs are connection events and parsed commands, outputs
 * are {@link Effect}s for the edge to carry out in order. Deterministic, so every rule is testable by comparing
 * effect lists. Not thread-safe: the edge serialises all calls.
 *
 * <p>Who is online is kept here, not in the {@link ChatStore}: a session is a connection, so it cannot outlive
 * the process.
 *
 * <p>Passwords are the one slow step: {@code register} and {@code login} end in a {@link Effect.HashPassword} or
 * {@link Effect.VerifyPassword} that the edge carries out off this state machine's thread and answers with
 * {@link #passwordHashed} or {@link #passwordChecked}; the session's later commands wait for that answer.
 *
 * <p>What every command shares comes from its {@link CommandTable} row before its handler runs: the field checks
 * ({@link CommandValidator}) and, for a row with an acting-user field, the login and permission checks. A handler
 * starts from a {@link ValidCommand} and decides only what is particular to it.
 */
public final class ChatDomain {
    private final ChatStore store;
    private final DomainLimits limits;
    private final CommandValidator commands;
    private final Map<String, Handler> handlers;
    private final Set<SessionId> connected = new HashSet<>();
    private final Map<SessionId, String> userOf = new HashMap<>();
    private final Map<String, SessionId> sessionOf = new HashMap<>();
    private final Map<TransferId, PendingTransfer> transfers = new HashMap<>();
    private final Map<String, Integer> openTransfersBySender = new HashMap<>();
    private final LoginThrottle throttle = new LoginThrottle();
    private final LongSupplier nanoClock;
    private long lastTransfer;
    /** What the store holds, counted here so the budget costs no query per command; read once at start. */
    private long records = -1;

    /** What is particular to one command, once its fields are checked and its actor is the session's user. */
    @FunctionalInterface
    private interface Handler {
        void handle(SessionId session, ValidCommand command, List<Effect> out);
    }

    private record PendingTransfer(SessionId senderSession, String receiver, JsonNode length, String filename,
                                   String sender) {
    }

    public ChatDomain(ChatStore store) {
        this(store, System::nanoTime, DomainLimits.DEFAULTS);
    }

    /** {@code nanoClock} only ages login failures (throttling); tests pass a fake one. */
    public ChatDomain(ChatStore store, LongSupplier nanoClock) {
        this(store, nanoClock, DomainLimits.DEFAULTS);
    }

    public ChatDomain(ChatStore store, DomainLimits limits) {
        this(store, System::nanoTime, limits);
    }

    public ChatDomain(ChatStore store, LongSupplier nanoClock, DomainLimits limits) {
        this.store = store;
        this.nanoClock = nanoClock;
        this.limits = limits;
        this.commands = new CommandValidator(limits);
        this.handlers = Map.of(REGISTER, this::register, LOGIN, this::login, ADD, this::add,
                CREATE_GROUP, this::createGroup, ADD_GROUP, this::addGroup, PRIVATE_CHAT, this::privateChat,
                GROUP_CHAT, this::groupChat, GET_GROUP_MEMBER, this::getGroupMember, Commands.OFFLINE, this::offline,
                SEND_FILE, this::sendFile);
        Set<String> rows = new HashSet<>();
        CommandTable.COMMANDS.forEach(c -> rows.add(c.cmd()));
        if (!rows.equals(handlers.keySet())) {
            throw new IllegalStateException("the command table and the domain's handlers differ: table " + rows
                    + ", handlers " + handlers.keySet());
        }
    }

    // ---- connection events -------------------------------------------------------------------------------------

    public List<Effect> connected(SessionId session) {
        connected.add(session);
        return List.of();
    }

    /** A dropped connection logs its user out exactly as {@code offline} would (OFF rules). */
    public List<Effect> disconnected(SessionId session) {
        List<Effect> out = new ArrayList<>();
        logOut(session, out);
        connected.remove(session);
        throttle.forget(session);
        return out;
    }

    /** Input that could not be parsed into a command (ERR rules). */
    public List<Effect> rejectFrame(SessionId session, FrameProblem problem) {
        return switch (problem) {
            case NOT_AN_OBJECT -> List.of(new Send(session, Message.of(ERROR, "result", BAD_JSON)));
            case TOO_LARGE -> List.of(new Send(session, Message.of(ERROR, "result", TOO_LARGE)), new Close(session));
        };
    }

    public List<Effect> handle(SessionId session, Message command) {
        String cmd = command.cmd();
        CommandSpec spec = cmd == null ? null : commands.spec(cmd);
        if (spec == null) {
            return List.of(new Send(session, Message.of(ERROR, "result", UNKNOWN_CMD)));
        }
        List<Effect> out = new ArrayList<>();
        ValidCommand valid = commands.validate(spec, command);
        if (valid == null) {
            // Field checks come before the login check (SESS-7).
            reply(session, spec.reply(), BAD_REQUEST, out);
            return out;
        }
        if (spec.actor() != null && rejectActor(session, valid.actor(), spec.reply(), out)) {
            return out;
        }
        handlers.get(cmd).handle(session, valid, out);
        return out;
    }

    // ---- transfer lifecycle, reported by the relay --------------------------------------------------------------

    /** The relay listens on {@code port}: tell both parties where to connect (FILE rules). */
    public List<Effect> transferOpened(TransferId transfer, int port) {
        PendingTransfer t = transfers.get(transfer);
        if (t == null) {
            return List.of();
        }
        List<Effect> out = new ArrayList<>(2);
        sendIfConnected(t.senderSession(), Message.of(SEND_FILE_PORT_REPLY, "port", port, "length", t.length(),
                "filename", t.filename()), out);
        SessionId receiver = sessionOf.get(t.receiver());
        if (receiver != null) {
            out.add(new Send(receiver, Message.of(RECV_FILE_PORT_REPLY, "port", port, "length", t.length(),
                    "filename", t.filename())));
        }
        return out;
    }

    /** No relay port was free. */
    public List<Effect> transferRejected(TransferId transfer) {
        return endWith(transfer, BUSY);
    }

    /** The two parties did not both connect in time. */
    public List<Effect> transferTimedOut(TransferId transfer) {
        return endWith(transfer, TIMEOUT);
    }

    /** The relay finished (or aborted after both connected); nothing is reported on the control connection. */
    public List<Effect> transferEnded(TransferId transfer) {
        forget(transfer);
        return List.of();
    }

    private List<Effect> endWith(TransferId transfer, String result) {
        PendingTransfer t = forget(transfer);
        if (t == null) {
            return List.of();
        }
        List<Effect> out = new ArrayList<>(1);
        sendIfConnected(t.senderSession(), Message.of(SEND_FILE_REPLY, "result", result), out);
        return out;
    }

    // ---- queries (diagnostics and tests) ------------------------------------------------------------------------

    public boolean isOnline(String user) {
        return sessionOf.containsKey(user);
    }

    public Optional<String> userOn(SessionId session) {
        return Optional.ofNullable(userOf.get(session));
    }

    public int connectedSessions() {
        return connected.size();
    }

    public int pendingTransfers() {
        return transfers.size();
    }

    /**
     * The control connections of an open transfer's sender and receiver, in that order, while they are connected:
     * the relay admits connections only from their addresses. Empty for an unknown transfer.
     */
    public List<SessionId> transferParties(TransferId transfer) {
        PendingTransfer t = transfers.get(transfer);
        if (t == null) {
            return List.of();
        }
        List<SessionId> parties = new ArrayList<>(2);
        if (connected.contains(t.senderSession())) {
            parties.add(t.senderSession());
        }
        SessionId receiver = sessionOf.get(t.receiver());
        if (receiver != null) {
            parties.add(receiver);
        }
        return parties;
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    private void register(SessionId s, ValidCommand c, List<Effect> out) {
        String user = c.text("user");
        String password = c.text("password");
        if (store.userExists(user)) {
            // No hash needed to refuse a taken name; the answer says no more than the reply does anyway.
            reply(s, REGISTER_REPLY, FAILURE, out);
            return;
        }
        if (storeFull(1, s, REGISTER_REPLY, out)) {
            return;
        }
        out.add(new Effect.HashPassword(s, user, password));
    }

    /** Second half of {@code register}: the store only ever sees the hash. */
    public List<Effect> passwordHashed(SessionId s, String user, String passwordHash) {
        // Created even if the client left meanwhile: the command was received; only its reply has nobody to go to.
        List<Effect> out = new ArrayList<>(1);
        if (!fits(1)) {
            // other registers filled the store while this password was hashed
            sendIfConnected(s, Message.of(REGISTER_REPLY, "result", BUSY), out);
            return out;
        }
        boolean created = store.createUser(user, passwordHash);
        stored(created, 1);
        sendIfConnected(s, Message.of(REGISTER_REPLY, "result", created ? SUCCESS : FAILURE), out);
        return out;
    }

    private void login(SessionId s, ValidCommand c, List<Effect> out) {
        String user = c.text("user");
        String password = c.text("password");
        Optional<String> hash = store.passwordHash(user);
        if (hash.isEmpty()) {
            reply(s, LOGIN_REPLY, USER_NOT_EXIST, out);
            return;
        }
        out.add(new Effect.VerifyPassword(s, user, password, hash.get(),
                throttle.delayFor(s, user, nanoClock.getAsLong())));
    }

    /** Second half of {@code login}, once the edge has checked the password (and waited out any throttle). */
    public List<Effect> passwordChecked(SessionId s, String user, boolean matches) {
        List<Effect> out = new ArrayList<>();
        if (!connected.contains(s)) {
            return out;
        }
        if (!matches) {
            throttle.failed(s, user, nanoClock.getAsLong());
            reply(s, LOGIN_REPLY, PASSWORD_ERROR, out);
            return out;
        }
        throttle.succeeded(user);
        String previous = userOf.get(s);
        if (previous != null && !previous.equals(user)) {
            logOut(s, out);
        }
        SessionId old = sessionOf.get(user);
        boolean cameOnline = old == null;
        if (old != null && !old.equals(s)) {
            // Takeover: the old connection stays open but no longer speaks for the user (EDGE rules).
            userOf.remove(old);
        }
        userOf.put(s, user);
        sessionOf.put(user, s);
        reply(s, LOGIN_REPLY, SUCCESS, out);
        if (cameOnline) {
            notifyOnlineFriends(user, Message.of(FRIEND_LOGIN, "friend", user), out);
        }
        return out;
    }

    /**
     * The edge could not hash a new account's password (an internal error, logged there): no account is created,
     * and the client is told {@code failure}, register's word for "not registered", rather than left waiting.
     */
    public List<Effect> passwordHashFailed(SessionId s) {
        List<Effect> out = new ArrayList<>(1);
        sendIfConnected(s, Message.of(REGISTER_REPLY, "result", FAILURE), out);
        return out;
    }

    /**
     * The edge could not check a login's password (an internal error, such as a stored hash it cannot read): the
     * login is refused with {@code failure}, not {@code password_error}, since nobody knows whether the password
     * was wrong; so it does not count as a failed guess either. The session keeps whatever login it had.
     */
    public List<Effect> passwordCheckFailed(SessionId s) {
        List<Effect> out = new ArrayList<>(1);
        sendIfConnected(s, Message.of(LOGIN_REPLY, "result", FAILURE), out);
        return out;
    }

    private void add(SessionId s, ValidCommand c, List<Effect> out) {
        String user = c.actor();
        String friend = c.text("friend");
        if (user.equals(friend)) {
            reply(s, ADD_REPLY, BAD_REQUEST, out);
        } else if (!store.userExists(friend)) {
            reply(s, ADD_REPLY, USER_NOT_EXIST, out);
        } else if (store.areFriends(user, friend)) {
            reply(s, ADD_REPLY, ALREADY_FRIEND, out);
        } else if (storeFull(1, s, ADD_REPLY, out)) {
            return;
        } else if (!stored(store.addFriendship(user, friend), 1)) {
            reply(s, ADD_REPLY, ALREADY_FRIEND, out);
        } else {
            out.add(new Send(s, Message.of(ADD_REPLY, "result", SUCCESS, "friend", friend)));
            SessionId friendSession = sessionOf.get(friend);
            if (friendSession != null) {
                out.add(new Send(friendSession, Message.of(ADD_FRIEND_REPLY, "result", user)));
            }
        }
    }

    private void createGroup(SessionId s, ValidCommand c, List<Effect> out) {
        String user = c.actor();
        String group = c.text("group");
        if (store.groupExists(group)) {
            reply(s, CREATE_GROUP_REPLY, GROUP_EXIST, out);
        } else if (storeFull(2, s, CREATE_GROUP_REPLY, out)) {
            return;
        } else if (stored(store.createGroup(group, user), 2)) {
            out.add(new Send(s, Message.of(CREATE_GROUP_REPLY, "result", SUCCESS, "group", group)));
        } else {
            reply(s, CREATE_GROUP_REPLY, GROUP_EXIST, out);
        }
    }

    private void addGroup(SessionId s, ValidCommand c, List<Effect> out) {
        String user = c.actor();
        String group = c.text("group");
        if (!store.groupExists(group)) {
            reply(s, ADD_GROUP_REPLY, GROUP_NOT_EXIST, out);
        } else if (!fits(1) && !store.membersOf(group).contains(user)) {
            // the member list is read only when the store is full: a member joining again is still told so
            storeFull(1, s, ADD_GROUP_REPLY, out);
        } else if (!stored(store.addMember(group, user), 1)) {
            reply(s, ADD_GROUP_REPLY, USER_IN_GROUP, out);
        } else {
            out.add(new Send(s, Message.of(ADD_GROUP_REPLY, "result", SUCCESS, "group", group)));
        }
    }

    private void privateChat(SessionId s, ValidCommand c, List<Effect> out) {
        String from = c.actor();
        String to = c.text("user_to");
        String text = c.text("text");
        SessionId recipient = sessionOf.get(to);
        if (recipient == null) {
            reply(s, PRIVATE_CHAT_REPLY, Results.OFFLINE, out);
            return;
        }
        out.add(new Send(recipient, Message.of(PRIVATE_CHAT, "user_from", from, "user_to", to, "text", text)));
        reply(s, PRIVATE_CHAT_REPLY, SUCCESS, out);
    }

    private void groupChat(SessionId s, ValidCommand c, List<Effect> out) {
        String user = c.actor();
        String group = c.text("group");
        String text = c.text("text");
        if (!store.groupExists(group)) {
            reply(s, GROUP_CHAT_REPLY, GROUP_NOT_EXIST, out);
            return;
        }
        List<String> members = store.membersOf(group);
        if (!members.contains(user)) {
            reply(s, GROUP_CHAT_REPLY, NOT_IN_GROUP, out);
            return;
        }
        Message forward = Message.of(GROUP_CHAT, "user", user, "group", group, "text", text);
        for (String member : members) {
            SessionId ms = sessionOf.get(member);
            if (ms != null && !member.equals(user)) {
                out.add(new Send(ms, forward));
            }
        }
        reply(s, GROUP_CHAT_REPLY, SUCCESS, out);
    }

    private void getGroupMember(SessionId s, ValidCommand c, List<Effect> out) {
        String group = c.text("group");
        if (!store.groupExists(group)) {
            out.add(new Send(s, Message.of(GET_GROUP_MEMBER_REPLY, "result", GROUP_NOT_EXIST, "group", group)));
        } else {
            String members = String.join("|", store.membersOf(group));
            out.add(new Send(s, Message.of(GET_GROUP_MEMBER_REPLY, "member", members, "group", group)));
        }
    }

    private void offline(SessionId s, ValidCommand c, List<Effect> out) {
        logOut(s, out);
    }

    private void sendFile(SessionId s, ValidCommand c, List<Effect> out) {
        String from = c.actor();
        String to = c.text("to_user");
        String filename = c.text("filename");
        long length = c.length("length");
        if (from.equals(to)) {
            reply(s, SEND_FILE_REPLY, BAD_REQUEST, out);
            return;
        }
        if (!sessionOf.containsKey(to)) {
            reply(s, SEND_FILE_REPLY, Results.OFFLINE, out);
            return;
        }
        if (openTransfersBySender.getOrDefault(from, 0) >= limits.maxTransfersPerUser()) {
            // LIMIT-6: one user cannot hold every relay port (or thousands of listeners) by never connecting.
            reply(s, SEND_FILE_REPLY, BUSY, out);
            return;
        }
        TransferId id = new TransferId(++lastTransfer);
        // The length goes back exactly as it came, string or number (FILE rules).
        transfers.put(id, new PendingTransfer(s, to, c.message().get("length"), filename, from));
        openTransfersBySender.merge(from, 1, Integer::sum);
        out.add(new OpenTransfer(id, length));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private PendingTransfer forget(TransferId transfer) {
        PendingTransfer t = transfers.remove(transfer);
        if (t != null) {
            openTransfersBySender.computeIfPresent(t.sender(), (k, n) -> n <= 1 ? null : n - 1);
        }
        return t;
    }

    /** SESS rules: a command may only act for the user logged in on its own connection. */
    /**
     * LIMIT-8: the store budget. A command that would store {@code n} more records than the budget allows gets
     * {@code busy} and changes nothing; what is stored stays, and nothing else is refused.
     */
    private boolean storeFull(int n, SessionId s, String replyCmd, List<Effect> out) {
        if (fits(n)) {
            return false;
        }
        reply(s, replyCmd, BUSY, out);
        return true;
    }

    /** Whether {@code n} more records stay within the store budget. */
    private boolean fits(int n) {
        return records() + n <= limits.maxRecords();
    }

    private long records() {
        if (records < 0) {
            records = store.records();
        }
        return records;
    }

    private boolean stored(boolean added, int n) {
        if (added) {
            records = records() + n;
        }
        return added;
    }

    private boolean rejectActor(SessionId s, String actor, String replyCmd, List<Effect> out) {
        String current = userOf.get(s);
        if (current == null) {
            reply(s, replyCmd, NOT_LOGGED_IN, out);
            return true;
        }
        if (!current.equals(actor)) {
            reply(s, replyCmd, PERMISSION_DENIED, out);
            return true;
        }
        return false;
    }

    private void logOut(SessionId s, List<Effect> out) {
        String user = userOf.remove(s);
        if (user != null && s.equals(sessionOf.get(user))) {
            sessionOf.remove(user);
            notifyOnlineFriends(user, Message.of(FRIEND_OFFLINE, "friend", user), out);
        }
    }

    private void notifyOnlineFriends(String user, Message notice, List<Effect> out) {
        for (String friend : store.friendsOf(user)) {
            SessionId fs = sessionOf.get(friend);
            if (fs != null && !friend.equals(user)) {
                out.add(new Send(fs, notice));
            }
        }
    }

    private void sendIfConnected(SessionId s, Message m, List<Effect> out) {
        if (connected.contains(s)) {
            out.add(new Send(s, m));
        }
    }

    private static void reply(SessionId s, String replyCmd, String result, List<Effect> out) {
        out.add(new Send(s, Message.of(replyCmd, "result", result)));
    }
}
