package io.chatspec.server.relay;

import io.chatspec.server.domain.TransferId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * One transfer's relay: pairs the two connections to its port and copies exactly {@code length} bytes from the
 * one that speaks first (the sender) to the other (the receiver), then closes both.
 *
 * <p>Memory stays bounded whatever the length: the sender is read only while the receiver's outbound buffer
 * is below its high-water mark, and a sender that arrives first gets one read held before it is paused.
 *
 * <p>Confined to one event loop: the listener and both parties are registered on it, so no locking is needed.
 */
final class RelayTransfer {
    private static final Logger log = LoggerFactory.getLogger(RelayTransfer.class);


    private final TransferId id;
    private final long length;
    private final EventLoop loop;
    private final Duration timeout;
    private final RelayListener listener;
    private final LongAccumulator peakBuffered;
    private final PartySlots slots;

    private final List<Channel> parties = new ArrayList<>(2);
    private Channel server;
    private Runnable releasePort = () -> { };
    private Channel sender;
    private Channel receiver;
    private ByteBuf held;
    private long remaining;
    private long relayed;
    private long deliveredAtLastCheck = -1;
    private boolean paired;
    private boolean finished;
    private int closedParties;
    private ScheduledFuture<?> timer;

    /** {@code slots} null: any two connections are admitted. */
    RelayTransfer(TransferId id, long length, EventLoop loop, Duration timeout, RelayListener listener,
                  LongAccumulator peakBuffered, PartySlots slots) {
        this.id = id;
        this.slots = slots;
        this.peakBuffered = peakBuffered;
        this.length = length;
        this.remaining = length;
        this.loop = loop;
        this.timeout = timeout;
        this.listener = listener;
    }

    TransferId id() {
        return id;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * The listener is bound: start the clock for both parties to arrive. {@code releasePort} must be idempotent;
     * it is run as soon as the listener is closed, before anyone is told, so the port is reusable at once.
     */
    void listening(Channel serverChannel, Runnable releasePort) {
        this.server = serverChannel;
        this.releasePort = releasePort;
        timer = loop.schedule(this::connectDeadline, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void accepted(Channel ch) {
        if (finished || paired) {
            ch.close();
            return;
        }
        if (slots != null && !slots.take(ch)) {
            // LIMIT-7: not from a party's host, or that party is already connected. Dropped before it can read
            // the sender's bytes or write into the receiver's.
            log.info("transfer {}: refused relay connection from {} (not a free party address)", id,
                    ch.remoteAddress());
            ch.close();
            return;
        }
        parties.add(ch);
        if (parties.size() < 2) {
            return;
        }
        paired = true;
        timer.cancel(false);
        closeListener();
        // After pairing, only a pair that moves no byte for a long while is cut (so no stuck pair holds its
        // sockets forever); a slow receiver is normal and is handled by backpressure, not by this.
        long stall = stallTimeout().toNanos();
        timer = loop.scheduleAtFixedRate(this::stallCheck, stall, stall, TimeUnit.NANOSECONDS);
        if (length == 0) {
            finish(true);
            return;
        }
        if (held != null) {
            // The sender came first and has one read waiting: deliver it, then let the sender go on.
            receiver = ch;
            ByteBuf first = held;
            held = null;
            deliver(first);
            if (!finished) {
                receiver.flush();
                if (receiver.isWritable()) {
                    sender.config().setAutoRead(true);
                }
            }
        }
    }

    void read(Channel ch, ByteBuf buf) {
        if (finished || (sender != null && ch != sender) || !parties.contains(ch)) {
            // The receiver never writes; whatever it sends, and anything after the end, is dropped.
            buf.release();
            return;
        }
        if (sender == null) {
            sender = ch;
            receiver = parties.size() == 2 ? other(ch) : null;
        }
        ByteBuf part = limit(buf);
        if (part == null) {
            return;
        }
        if (receiver == null) {
            held = held == null ? part : Unpooled.wrappedBuffer(held, part);
            sender.config().setAutoRead(false);
            peakBuffered.accumulate(held.readableBytes());
            return;
        }
        deliver(part);
    }

    void readComplete(Channel ch) {
        if (ch == sender && receiver != null && !finished) {
            receiver.flush();
        }
    }

    void writabilityChanged(Channel ch) {
        if (ch == receiver && !finished && ch.isWritable()) {
            sender.config().setAutoRead(true);
        }
    }

    void inactive(Channel ch) {
        if (!parties.contains(ch)) {
            return;
        }
        if (!paired) {
            // A lone party left before its peer came: forget it and anything it sent, so that a reconnect within
            // the timeout starts the transfer afresh.
            parties.remove(ch);
            if (slots != null) {
                slots.giveBack(ch);
            }
            if (ch == sender) {
                sender = null;
                if (held != null) {
                    remaining += held.readableBytes();
                    relayed -= held.readableBytes();
                }
                releaseHeld();
            }
            return;
        }
        closedParties++;
        if (!finished) {
            // A sender that stops early still gets what it sent delivered; then the receiver sees EOF.
            finish(false);
        }
        if (closedParties == 2) {
            timer.cancel(false);
            listener.ended(id, relayed, relayed == length);
        }
    }

    /** The server is shutting down. */
    void abort() {
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        releaseHeld();
        parties.forEach(Channel::close);
        if (server != null) {
            closeListener();
        }
    }

    private void closeListener() {
        server.close();
        releasePort.run();
    }

    /** Queues bytes already counted against the length for the receiver; ends the transfer when all are there. */
    private void deliver(ByteBuf part) {
        // Flushing every read keeps the receiver's socket busy while the next read happens (measured faster
        // than batching flushes per read loop).
        receiver.writeAndFlush(part, receiver.voidPromise());
        ChannelOutboundBuffer pending = receiver.unsafe().outboundBuffer();
        if (pending != null) {
            peakBuffered.accumulate(pending.totalPendingWriteBytes());
        }
        if (remaining == 0) {
            finish(true);
        } else if (!receiver.isWritable()) {
            sender.config().setAutoRead(false);
        }
    }

    /** Cuts the read down to what is still owed; returns null when nothing of it is. */
    private ByteBuf limit(ByteBuf buf) {
        int n = (int) Math.min(buf.readableBytes(), remaining);
        if (n == 0) {
            buf.release();
            return null;
        }
        ByteBuf part = n == buf.readableBytes() ? buf : buf.readRetainedSlice(n);
        if (part != buf) {
            buf.release();
        }
        remaining -= n;
        relayed += n;
        return part;
    }

    private void finish(boolean complete) {
        finished = true;
        releaseHeld();
        if (!complete) {
            log.debug("transfer {} ended early after {} of {} bytes", id, relayed, length);
        }
        for (Channel p : parties) {
            if (p == receiver) {
                p.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                p.close();
            }
        }
    }

    private void connectDeadline() {
        if (paired || finished) {
            return;
        }
        finished = true;
        releaseHeld();
        parties.forEach(Channel::close);
        parties.clear();
        closeListener();
        listener.timedOut(id);
    }

    /** Generous on purpose: six connect timeouts. */
    Duration stallTimeout() {
        return timeout.multipliedBy(6);
    }

    /**
     * Progress is what has left the server for the receiver, not what was read from the sender: a receiver that
     * drains slowly is alive, one that stopped reading is not. A stuck pair is ended; if it is already ended but
     * the receiver still does not read what is queued, the connections are dropped so no transfer holds its
     * buffers and sockets forever.
     */
    private void stallCheck() {
        long delivered = delivered();
        if (delivered == deliveredAtLastCheck) {
            if (finished || delivered < relayed) {
                // Bytes are waiting and the receiver takes none: a graceful close would wait for it forever.
                log.info("transfer {}: receiver stopped reading after {} of {} bytes; dropping both connections", id,
                        delivered, length);
                finished = true;
                releaseHeld();
                parties.forEach(Channel::close);
            } else {
                log.info("transfer {} moved no byte for {}; closing it after {} of {} bytes", id, stallTimeout(),
                        delivered, length);
                finish(false);
            }
        }
        deliveredAtLastCheck = delivered;
    }

    private long delivered() {
        ChannelOutboundBuffer pending = receiver == null ? null : receiver.unsafe().outboundBuffer();
        return relayed - (pending == null ? 0 : pending.totalPendingWriteBytes());
    }

    private void releaseHeld() {
        if (held != null) {
            held.release();
            held = null;
        }
    }

    private Channel other(Channel ch) {
        return parties.get(0) == ch ? parties.get(1) : parties.get(0);
    }
}
