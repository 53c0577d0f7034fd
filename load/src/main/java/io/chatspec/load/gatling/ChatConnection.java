package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryFields;
import io.chatspec.load.delivery.DeliveryInbox;
import io.chatspec.load.wire.FrameFields;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Results;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ClientListener;
import io.chatspec.protocol.framing.Frame;
import io.gatling.core.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One virtual user's connection and everything it is waiting for. All state is touched only on the user's event
 * loop (the channel is registered there and every action runs there), so nothing here is synchronised.
 *
 * <p>Replies are matched to commands in send order, which MSG-7 guarantees; notifications (forwards,
 * {@code friend_*}, {@code add_friend_reply}, {@code recv_file_port_reply}, the relay {@code timeout}) feed the
 * delivery inbox, notification counters and file offers, and wake whichever {@link #await waiter} they satisfy.
 */
public final class ChatConnection implements ClientListener {
    public static final String ATTR = "chatspec.connection";

    private static final Set<String> NOTIFICATIONS = CommandTable.notices();
    private static final byte[] SUCCESS = FrameFields.ascii(Results.SUCCESS);

    private final EventLoop loop;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<String, Integer> notificationCounts = new HashMap<>();
    private final ArrayDeque<Message> fileOffers = new ArrayDeque<>();
    private final Map<String, Sequence> sequences = new HashMap<>();
    private final DeliveryInbox deliveries;
    private final DeliverySink sink;
    private ChatClient client;
    private boolean closed;
    private int unmatchedReplies;
    private ScheduledFuture<?> sweep;
    private long sweepAtNanos;
    private ByteBuf wireBuf;
    // deliveries are counted in plain fields: a boxed map update per message showed in the injector's profile
    private int privateDeliveries;
    private int groupDeliveries;

    /** Where deliveries and notifications are reported: bound to the receiving user's session by the caller. */
    public interface DeliverySink {
        void delivered(ChatConnection receiver, Message forwarded, long nowMicros);

        /** A delivery read by {@link FastFrameHandler} without a JSON tree. */
        void delivered(ChatConnection receiver, DeliveryFields forwarded, long nowMicros);

        void notified(ChatConnection receiver, Message notification, long nowMicros);
    }

    ChatConnection(EventLoop loop, DeliverySink sink) {
        this.loop = loop;
        this.sink = sink;
        this.deliveries = new DeliveryInbox();
    }

    public static ChatConnection of(Session session) {
        return session.contains(ATTR) ? (ChatConnection) session.attributes().apply(ATTR) : null;
    }

    void attach(ChatClient c) {
        this.client = c;
    }

    public EventLoop loop() {
        return loop;
    }

    public DeliveryInbox deliveries() {
        return deliveries;
    }

    public boolean isOpen() {
        return !closed && client != null && client.isOpen();
    }

    /** Replies that arrived when no command was waiting: a protocol violation worth reporting. */
    public int unmatchedReplies() {
        return unmatchedReplies;
    }

    public int notificationCount(String cmd) {
        if (Commands.PRIVATE_CHAT.equals(cmd)) {
            return privateDeliveries;
        }
        if (Commands.GROUP_CHAT.equals(cmd)) {
            return groupDeliveries;
        }
        return notificationCounts.getOrDefault(cmd, 0);
    }

    public Message pollFileOffer() {
        return fileOffers.poll();
    }

    public boolean hasFileOffer() {
        return !fileOffers.isEmpty();
    }

    /** The next sequence number for messages from this user to {@code stream} (a recipient or a group). */
    public long nextSeq(String stream) {
        return sequence(stream).next();
    }

    /** The counter behind {@link #nextSeq}, for a loop that sends many messages to one stream. */
    public Sequence sequence(String stream) {
        return sequences.computeIfAbsent(stream, k -> new Sequence());
    }

    /** Sequence numbers of one stream, from 1; used on the user's event loop only. */
    public static final class Sequence {
        private long last;

        public long next() {
            return ++last;
        }
    }

    /**
     * Sends a command and calls {@code onReply} with the first reply among {@code replyCmds} (or an {@code error})
     * in send order, or {@code onTimeout} once the timeout passes. A late reply after a timeout is swallowed by
     * its placeholder so that it is not taken for the next command's reply.
     */
    public void request(Message command, Set<String> replyCmds, Duration timeout, Consumer<Message> onReply,
                        Consumer<String> onFailure) {
        if (admit(new Pending(replyCmds, null, null, onReply, onFailure, timeout))) {
            client.send(command);
        }
    }

    /**
     * Sends {@code length} bytes of {@code wire} (one whole message, newline included) as {@link #request} does.
     * A reply whose {@code cmd} is {@code okReplyCmd} with {@code result} {@code success} completes it through
     * {@code onOk} straight from the frame bytes ({@link FastFrameHandler}); any other reply is parsed and goes to
     * {@code onReply}. {@code okReplyCmd} must be a reply, not a notification.
     */
    public void requestWire(byte[] wire, int length, byte[] okReplyCmd, Set<String> replyCmds, Duration timeout,
                            Runnable onOk, Consumer<Message> onReply, Consumer<String> onFailure) {
        if (!admit(new Pending(replyCmds, okReplyCmd, onOk, onReply, onFailure, timeout))) {
            return;
        }
        Channel ch = client.channel();
        ByteBuf buf = wireBuffer(ch, length);
        buf.clear().writeBytes(wire, 0, length);
        // a failed write closes the channel, which fails what is pending: no listener per message
        ch.writeAndFlush(buf.retain(), ch.voidPromise());
    }

    /*
     * One direct buffer per connection for wire requests, reused once the previous write has gone out (Netty
     * released its reference: ours is the only one left). Allocating and freeing a pooled buffer per message
     * showed in the injector's profile; a write still queued (a full socket buffer) gets a fresh one.
     */
    private ByteBuf wireBuffer(Channel ch, int length) {
        if (wireBuf != null && wireBuf.refCnt() == 1 && wireBuf.capacity() >= length) {
            return wireBuf;
        }
        if (wireBuf != null) {
            wireBuf.release();
        }
        wireBuf = ch.alloc().directBuffer(Math.max(length, 256));
        return wireBuf;
    }

    /** Queues a command about to be sent, or fails it at once when the connection is closed. */
    private boolean admit(Pending p) {
        if (!isOpen()) {
            p.fail("connection is closed");
            return false;
        }
        pending.add(p);
        armSweep(p.deadlineNanos);
        return true;
    }

    /*
     * Reply deadlines share one timer per connection instead of one scheduled task per command (scheduling and
     * cancelling a task per message showed in the injector's profile). The timer fires at the earliest deadline
     * of what is waiting; a reply does not cancel it, the sweep just finds nothing expired and re-arms.
     */
    private void armSweep(long deadlineNanos) {
        if (sweep != null && sweepAtNanos <= deadlineNanos) {
            return;
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        sweepAtNanos = deadlineNanos;
        sweep = loop.schedule(this::sweep, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        sweep = null;
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        List<Pending> expired = null;
        for (Pending p : pending) {
            if (p.isDone()) {
                continue;
            }
            if (p.deadlineNanos - now <= 0) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(p);
            } else {
                next = Math.min(next, p.deadlineNanos);
            }
        }
        if (next != Long.MAX_VALUE) {
            armSweep(next);
        }
        if (expired != null) {
            // failed commands stay queued as placeholders that swallow their late replies; failing one may run
            // the user's next action, which may queue a command, so this runs after the walk
            for (Pending p : expired) {
                p.fail("no " + String.join("/", p.replyCmds) + " within " + p.timeout);
            }
        }
    }

    /** Sends a command that has no reply (a successful {@code offline}); {@code onWritten} runs once flushed. */
    public void sendOneWay(Message command, Consumer<String> onWritten) {
        if (!isOpen()) {
            onWritten.accept("connection is closed");
            return;
        }
        client.channel().writeAndFlush(command).addListener(f ->
                onWritten.accept(f.isSuccess() ? null : "write failed: " + f.cause()));
    }

    /** Runs {@code onReady} as soon as {@code condition} holds (checked now and after every message). */
    public void await(BooleanSupplier condition, Duration timeout, Runnable onReady, Runnable onTimeout) {
        if (condition.getAsBoolean()) {
            onReady.run();
            return;
        }
        Waiter w = new Waiter(condition, onReady);
        w.timer = loop.schedule(() -> {
            if (waiters.remove(w)) {
                onTimeout.run();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        waiters.add(w);
    }

    /** Closes the socket without blocking (this may run on the channel's own loop). */
    public void close() {
        closed = true;
        if (client != null && client.channel() != null) {
            client.channel().close();
        }
    }

    @Override
    public void onMessage(ChatClient c, Message m) {
        long now = io.chatspec.load.metrics.Micros.now();
        String cmd = m.cmd();
        boolean relayTimeout = Commands.SEND_FILE_REPLY.equals(cmd) && Results.TIMEOUT.equals(m.result());
        if (cmd != null && (NOTIFICATIONS.contains(cmd) || relayTimeout)) {
            if (Commands.PRIVATE_CHAT.equals(cmd) || Commands.GROUP_CHAT.equals(cmd)) {
                countDelivery(Commands.GROUP_CHAT.equals(cmd));
                sink.delivered(this, m, now);
                wakeWaiters();
                return;
            }
            notificationCounts.merge(relayTimeout ? "send_file_reply/timeout" : cmd, 1, Integer::sum);
            if (Commands.RECV_FILE_PORT_REPLY.equals(cmd)) {
                fileOffers.add(m);
            } else {
                sink.notified(this, m, now);
            }
        } else {
            onReply(m);
        }
        wakeWaiters();
    }

    /** A delivery {@link FastFrameHandler} read from the frame bytes: counted and reported as in onMessage. */
    void onDelivery(DeliveryFields d) {
        long now = io.chatspec.load.metrics.Micros.now();
        countDelivery(d.group());
        sink.delivered(this, d, now);
        wakeWaiters();
    }

    private void countDelivery(boolean group) {
        if (group) {
            groupDeliveries++;
        } else {
            privateDeliveries++;
        }
    }

    /**
     * Completes the oldest command from a frame read by {@link FastFrameHandler} when it is the success reply that
     * command accepts without a tree; false (nothing done) otherwise, and the frame takes the full parse.
     */
    boolean fastReply(FrameFields f) {
        Pending head = pending.peek();
        if (head == null || head.okReplyCmd == null || !f.is(FrameFields.F_CMD, head.okReplyCmd)
                || !f.is(FrameFields.F_RESULT, SUCCESS)) {
            return false;
        }
        pending.poll();
        head.completeOk();
        wakeWaiters();
        return true;
    }

    private void onReply(Message m) {
        Pending head = pending.peek();
        if (head == null || !(head.replyCmds.contains(m.cmd()) || Commands.ERROR.equals(m.cmd()))) {
            unmatchedReplies++;
            return;
        }
        pending.poll();
        head.complete(m);
    }

    private void wakeWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.condition.getAsBoolean()) {
                it.remove();
                w.timer.cancel(false);
                w.onReady.run();
                // a resumed user may have added or removed waiters; start over on a fresh iterator next message
                return;
            }
        }
    }

    @Override
    public void onMalformed(ChatClient c, Frame frame, String reason) {
        Pending head = pending.poll();
        if (head != null) {
            head.fail("malformed server output: " + reason);
        }
    }

    @Override
    public void onClosed(ChatClient c) {
        closed = true;
        if (wireBuf != null) {
            wireBuf.release();
            wireBuf = null;
        }
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        String why = "connection closed";
        for (Pending p; (p = pending.poll()) != null; ) {
            p.fail(why);
        }
        wakeWaiters();
    }

    private static final class Pending {
        final Set<String> replyCmds;
        final Duration timeout;
        final long deadlineNanos;
        /** The reply {@link #fastReply} may complete without a tree, or null: only the full parse completes it. */
        final byte[] okReplyCmd;
        Runnable onOk;
        Consumer<Message> onReply;
        Consumer<String> onFailure;

        Pending(Set<String> replyCmds, byte[] okReplyCmd, Runnable onOk, Consumer<Message> onReply,
                Consumer<String> onFailure, Duration timeout) {
            this.replyCmds = replyCmds;
            this.okReplyCmd = okReplyCmd;
            this.onOk = onOk;
            this.onReply = onReply;
            this.onFailure = onFailure;
            this.timeout = timeout;
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        }

        boolean isDone() {
            return onReply == null && onFailure == null;
        }

        void complete(Message m) {
            Consumer<Message> r = onReply;
            disarm();
            if (r != null) {
                r.accept(m);
            }
        }

        void completeOk() {
            Runnable ok = onOk;
            disarm();
            if (ok != null) {
                ok.run();
            }
        }

        void fail(String why) {
            Consumer<String> f = onFailure;
            disarm();
            if (f != null) {
                f.accept(why);
            }
        }

        // after the first outcome, later ones (a late reply, the timer) are no-ops
        private void disarm() {
            onReply = null;
            onFailure = null;
            onOk = null;
        }
    }

    private static final class Waiter {
        final BooleanSupplier condition;
        final Runnable onReady;
        ScheduledFuture<?> timer;

        Waiter(BooleanSupplier condition, Runnable onReady) {
            this.condition = condition;
            this.onReady = onReady;
        }
    }
}
