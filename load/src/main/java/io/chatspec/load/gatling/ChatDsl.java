package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryText;
import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import io.gatling.javaapi.core.ActionBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The chat DSL for Gatling's Java API. String arguments are Gatling EL ({@code "#{me}"} or a literal).
 *
 * <pre>{@code
 * scenario("pairs").feed(pairs)
 *     .exec(connect(), register("#{me}", "pw"), login("#{me}", "pw"), rendezvous("#{pair}", 2, ofSeconds(10)))
 *     .repeat(10).on(exec(privateChat("#{me}", "#{partner}", 64)))
 *     .exec(awaitDeliveries(10, ofSeconds(5)), offline("#{me}"), close())
 *     .protocols(chat().target("127.0.0.1", 8888));
 * }</pre>
 */
public final class ChatDsl {
    private ChatDsl() {
    }

    public static ChatProtocolBuilder chat() {
        return ChatProtocolBuilder.defaults();
    }

    public static ActionBuilder connect() {
        return new ChatActionBuilder(ConnectAction::new);
    }

    /** Drops the connection without {@code offline}. */
    public static ActionBuilder close() {
        return new ChatActionBuilder(CloseAction::new);
    }

    public static ChatCommandBuilder register(String user, String password) {
        El u = El.of(user);
        El p = El.of(password);
        return command(Commands.REGISTER, (s, c, metrics) -> Messages.register(u.eval(s), p.eval(s)), null, null);
    }

    public static ChatCommandBuilder login(String user, String password) {
        El u = El.of(user);
        El p = El.of(password);
        return command(Commands.LOGIN, (s, c, metrics) -> Messages.login(u.eval(s), p.eval(s)), Commands.FRIEND_LOGIN, u);
    }

    public static ChatCommandBuilder add(String user, String friend) {
        El u = El.of(user);
        El f = El.of(friend);
        return command(Commands.ADD, (s, c, metrics) -> Messages.add(u.eval(s), f.eval(s)), Commands.ADD_FRIEND_REPLY, u);
    }

    public static ChatCommandBuilder createGroup(String user, String group) {
        El u = El.of(user);
        El g = El.of(group);
        return command(Commands.CREATE_GROUP, (s, c, metrics) -> Messages.createGroup(u.eval(s), g.eval(s)), null, null);
    }

    public static ChatCommandBuilder addGroup(String user, String group) {
        El u = El.of(user);
        El g = El.of(group);
        return command(Commands.ADD_GROUP, (s, c, metrics) -> Messages.addGroup(u.eval(s), g.eval(s)), null, null);
    }

    /**
     * A measured private message: {@code text} carries a per-recipient sequence number and the send time, padded
     * to {@code textSize} characters; the recipient reports {@code deliver private_chat}.
     */
    public static ChatCommandBuilder privateChat(String from, String to, int textSize) {
        El f = El.of(from);
        El t = El.of(to);
        return command(Commands.PRIVATE_CHAT, (s, c, metrics) -> {
            String recipient = t.eval(s);
            String text = DeliveryText.encode(c.nextSeq("p/" + recipient), Micros.now(), textSize);
            metrics.deliveries().sent.increment();
            return Messages.privateChat(f.eval(s), recipient, text);
        }, null, null);
    }

    /**
     * {@code count} measured private messages from {@code from} to {@code to}, one every {@code pace} at most:
     * the same requests as {@code repeat(count).on(pace(pace), exec(privateChat(from, to, textSize)))}, but the
     * loop runs in one action with mutable state instead of rewriting the Gatling session per message, and the
     * names are evaluated once per user (see {@link PacedCommandsAction}).
     */
    public static ActionBuilder privateChats(String from, String to, int textSize, int count, Duration pace) {
        El f = El.of(from);
        El t = El.of(to);
        Set<String> replies = Set.of(Commands.replyOf(Commands.PRIVATE_CHAT));
        return new ChatActionBuilder((components, next) -> new PacedCommandsAction(Commands.PRIVATE_CHAT,
                (s, c, metrics) -> new PrivateChatSender(c, metrics, f.eval(s), t.eval(s), textSize),
                replies, reply -> !replies.contains(reply.cmd()) ? "unexpected reply " + reply.raw()
                        : Results.SUCCESS.equals(reply.result()) ? null
                        : reply.cmd() + " result " + reply.result() + ", expected [" + Results.SUCCESS + "]",
                El.of(Integer.toString(count)), pace, components, next));
    }

    /**
     * A measured group message; {@code recipients} is how many other members are online to receive it, which
     * the fan-out spread ({@code fanout first-to-last}) and the delivery counts are judged against.
     */
    public static ChatCommandBuilder groupChat(String user, String group, int textSize, int recipients) {
        El u = El.of(user);
        El g = El.of(group);
        return command(Commands.GROUP_CHAT, (s, c, metrics) -> {
            String sender = u.eval(s);
            String grp = g.eval(s);
            long seq = c.nextSeq("g/" + grp);
            metrics.fanout().expect("g/" + grp + "/" + sender + "#" + seq, recipients);
            metrics.deliveries().sent.add(recipients);
            return Messages.groupChat(sender, grp, DeliveryText.encode(seq, Micros.now(), textSize));
        }, null, null);
    }

    /** Members reply: OK when it has a {@code member} list (and, with {@code expectMembers}, that many names). */
    public static ChatCommandBuilder getGroupMember(String group) {
        El g = El.of(group);
        return command(Commands.GET_GROUP_MEMBER, (s, c, metrics) -> Messages.getGroupMember(g.eval(s)), null, null)
                .expect((String) null)
                .check(m -> m.text("member") == null ? "no member list in " + m.raw() : null);
    }

    /** Checks a members reply for exactly {@code n} distinct names. */
    public static Function<Message, String> members(int n) {
        return m -> {
            String list = m.text("member");
            long count = list == null || list.isEmpty() ? 0 : java.util.Arrays.stream(list.split("\\|"))
                    .distinct().count();
            return count == n ? null : "expected " + n + " members, got " + count + ": " + list;
        };
    }

    /** {@code offline}, timed to the flushed write (a successful one has no reply). */
    public static ActionBuilder offline(String user) {
        El u = El.of(user);
        return new ChatActionBuilder((components, next) -> new OfflineAction(u, false, components, next));
    }

    /** {@code offline} whose {@code friend_offline} at another user of this injector is timed. */
    public static ActionBuilder offlineTimed(String user) {
        El u = El.of(user);
        return new ChatActionBuilder((components, next) -> new OfflineAction(u, true, components, next));
    }

    /** Sends {@code length} generated bytes to {@code to} through the relay: {@code send_file}, {@code relay send}. */
    public static ActionBuilder sendFile(String from, String to, long length) {
        El f = El.of(from);
        El t = El.of(to);
        return new ChatActionBuilder((components, next) -> new SendFileAction(f, t, length, components, next));
    }

    /** Waits for a file offer and receives it: {@code await file offer}, {@code relay receive} (SHA-256 checked). */
    public static ActionBuilder receiveFile(Duration offerTimeout) {
        return new ChatActionBuilder((components, next) -> new ReceiveFileAction(offerTimeout, components, next));
    }

    /**
     * Request {@code await deliveries}: waits until this user has {@code expected} distinct measured messages;
     * what is missing at the timeout counts as lost.
     */
    public static ActionBuilder awaitDeliveries(long expected, Duration timeout) {
        return awaitDeliveries(s -> expected, timeout);
    }

    public static ActionBuilder awaitDeliveries(Function<io.gatling.javaapi.core.Session, Long> expected,
                                                Duration timeout) {
        return new ChatActionBuilder((components, next) -> new AwaitAction("await deliveries",
                c -> c.deliveries().unique(), s -> expected.apply(new io.gatling.javaapi.core.Session(s)), timeout,
                (metrics, missing) -> metrics.deliveries().lost.add(missing), components, next));
    }

    /** Request {@code await <cmd>}: waits until this user has received {@code count} notifications {@code cmd}. */
    public static ActionBuilder awaitNotifications(String cmd, long count, Duration timeout) {
        return awaitNotifications(cmd, s -> count, timeout);
    }

    public static ActionBuilder awaitNotifications(String cmd,
                                                   Function<io.gatling.javaapi.core.Session, Long> count,
                                                   Duration timeout) {
        return new ChatActionBuilder((components, next) -> new AwaitAction("await " + cmd,
                c -> c.notificationCount(cmd), s -> count.apply(new io.gatling.javaapi.core.Session(s)), timeout,
                (metrics, missing) -> { }, components, next));
    }

    /** Parks the user until {@code parties} users reached the same {@code key} (or the timeout, KO). */
    public static ActionBuilder rendezvous(String key, int parties, Duration timeout) {
        El k = El.of(key);
        return new ChatActionBuilder((components, next) -> new RendezvousAction(k, parties, timeout, components,
                next));
    }

    /** Opens a named gate for every user parked at it, now and later. */
    public static ActionBuilder openGate(String gate) {
        return new ChatActionBuilder((components, next) -> new GateAction(gate, true, Duration.ZERO, components,
                next));
    }

    /** Parks the user until the gate is open (or the timeout, KO). */
    public static ActionBuilder awaitGate(String gate, Duration timeout) {
        return new ChatActionBuilder((components, next) -> new GateAction(gate, false, timeout, components, next));
    }

    /** Forgets gates and rendezvous of a previous run in this JVM. */
    public static void resetCoordination() {
        GateAction.resetAll();
        RendezvousAction.resetAll();
    }

    private static ChatCommandBuilder command(String cmd, CommandAction.MessageFactory factory,
                                              String notification, El subject) {
        Set<String> replies = Set.of(Commands.replyOf(cmd));
        return new ChatCommandBuilder(cmd, factory, replies, List.of(Results.SUCCESS), m -> null, notification,
                subject);
    }
}
