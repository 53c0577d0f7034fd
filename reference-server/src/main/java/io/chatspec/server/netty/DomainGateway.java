package io.chatspec.server.netty;

import io.chatspec.protocol.Message;
import io.chatspec.server.domain.ChatDomain;
import io.chatspec.server.domain.Effect;
import io.chatspec.server.domain.FrameProblem;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.domain.TransferId;
import io.chatspec.server.relay.RelayListener;
import io.chatspec.server.relay.TransferRelay;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where I/O meets the domain. Every domain call runs under one lock and its messages are ordered on their
 * channels before the lock is released (queued on another loop, or written by this thread right after release,
 * see {@link Outlet}), so any two messages to one recipient are written in the order the domain decided them,
 * whichever event loops the causes came from. Relay work happens after the lock is
 * released because it calls back in.
 */
public final class DomainGateway implements RelayListener {
    private static final Logger log = LoggerFactory.getLogger(DomainGateway.class);

    static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private final ChatDomain domain;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<SessionId, Outlet> channels = new ConcurrentHashMap<>();
    private volatile TransferRelay relay;

    public DomainGateway(ChatDomain domain) {
        this.domain = domain;
    }

    /** Set once at start; the relay and the gateway refer to each other. */
    public void attach(TransferRelay transferRelay) {
        this.relay = transferRelay;
    }

    void connected(SessionId session, Channel channel) {
        channels.put(session, new Outlet(channel));
        run(() -> domain.connected(session));
    }

    void disconnected(SessionId session) {
        run(() -> domain.disconnected(session));
        channels.remove(session);
    }

    void command(SessionId session, Message command) {
        run(() -> domain.handle(session, command));
    }

    void rejected(SessionId session, FrameProblem problem) {
        run(() -> domain.rejectFrame(session, problem));
    }

    @Override
    public void opened(TransferId transfer, int port) {
        run(() -> domain.transferOpened(transfer, port));
    }

    @Override
    public void rejected(TransferId transfer) {
        run(() -> domain.transferRejected(transfer));
    }

    @Override
    public void timedOut(TransferId transfer) {
        log.info("transfer {} timed out before both parties connected", transfer);
        run(() -> domain.transferTimedOut(transfer));
    }

    @Override
    public void ended(TransferId transfer, long bytesRelayed, boolean complete) {
        log.debug("transfer {} ended: {} bytes relayed, complete={}", transfer, bytesRelayed, complete);
        run(() -> domain.transferEnded(transfer));
    }

    /** Runs a read-only look at the domain under the same lock (diagnostics and tests). */
    public <T> T inspect(Function<ChatDomain, T> query) {
        lock.lock();
        try {
            return query.apply(domain);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A client that stops reading must not make the server buffer without end: past {@link #MAX_QUEUED_BYTES}
     * its connection is closed, which logs its user out like any dropped connection.
     */
    private static void write(Outlet out, Effect.Send send, List<Runnable> direct) {
        Channel ch = out.channel();
        if (!ch.isActive()) {
            // Closed or closing (perhaps for not reading): its user is logged out when channelInactive runs.
            return;
        }
        if (!ch.isWritable()) {
            ChannelOutboundBuffer queued = ch.unsafe().outboundBuffer();
            if (queued != null && queued.totalPendingWriteBytes() > MAX_QUEUED_BYTES) {
                log.warn("closing {}: it has not read {} bytes of server messages", ch.remoteAddress(),
                        queued.totalPendingWriteBytes());
                ch.close();
                return;
            }
        }
        out.inOrder(() -> ch.writeAndFlush(send.message(), ch.voidPromise()), direct);
    }

    /**
     * One recipient's channel and the writes handed to its event loop that have not run yet. All writes are issued
     * under the gateway lock, in the order the domain decided them. A write from the channel's own loop may go out
     * at once only when nothing handed off earlier is still waiting on that loop; otherwise it would overtake them.
     * Most private chats in a busy server are between connections on different loops, but replies to the sender
     * (and chats between connections on one loop) are written without a task and a selector wake-up.
     *
     * <p>Such a direct write is collected and run right after the lock is released, so the lock is never held
     * across a socket write. That keeps the order: until this handler returns, its loop runs nothing else, and
     * every write another thread decides for this channel meanwhile is a task queued behind it.
     */
    private record Outlet(Channel channel, AtomicInteger handedOff) {
        Outlet(Channel channel) {
            this(channel, new AtomicInteger());
        }

        void inOrder(Runnable io, List<Runnable> direct) {
            EventLoop loop = channel.eventLoop();
            if (handedOff.get() == 0 && loop.inEventLoop()) {
                direct.add(io);
                return;
            }
            handedOff.incrementAndGet();
            loop.execute(() -> {
                try {
                    io.run();
                } finally {
                    handedOff.decrementAndGet();
                }
            });
        }
    }

    private void run(Supplier<List<Effect>> call) {
        List<Effect.OpenTransfer> opens = null;
        List<Runnable> direct = new ArrayList<>(2);
        lock.lock();
        try {
            for (Effect effect : call.get()) {
                if (effect instanceof Effect.Send send) {
                    Outlet out = channels.get(send.to());
                    if (out != null) {
                        write(out, send, direct);
                    }
                } else if (effect instanceof Effect.Close close) {
                    Outlet out = channels.get(close.session());
                    if (out != null) {
                        Channel ch = out.channel();
                        // An empty write queued behind the messages: the close waits for them to be written.
                        out.inOrder(() -> ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE), direct);
                    }
                } else if (effect instanceof Effect.OpenTransfer open) {
                    if (opens == null) {
                        opens = new ArrayList<>(1);
                    }
                    opens.add(open);
                }
            }
        } catch (RuntimeException e) {
            // A bug in one command must not take the server down; the connection stays usable.
            log.error("domain call failed", e);
        } finally {
            lock.unlock();
        }
        for (Runnable io : direct) {
            io.run();
        }
        if (opens != null) {
            TransferRelay r = relay;
            for (Effect.OpenTransfer open : opens) {
                if (r == null) {
                    rejected(open.transfer());
                } else {
                    r.open(open.transfer(), open.length());
                }
            }
        }
    }
}
