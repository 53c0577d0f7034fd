package io.chatspec.server.limits;

import io.chatspec.server.domain.SessionId;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.AttributeKey;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one chat connection holds in server memory, reported to the {@link MemoryBudget} as it changes: its
 * unfinished message (set by the decoder, on the connection's event loop) and its queue of server messages (read
 * from Netty's outbound buffer by whoever writes to it, and by the guard's sweep).
 */
public final class ConnectionMeter {
    private static final AttributeKey<ConnectionMeter> KEY = AttributeKey.valueOf("chatspec.meter");
    private static final long NONE = Long.MIN_VALUE;

    private final ConnectionGuard guard;
    private final Channel channel;
    private final SessionId session;
    private final long openedAt;

    private volatile long inbound;
    private volatile long unfinishedSince = NONE;
    private volatile long busySince = NONE;
    private long outbound;
    private long stalledSince = NONE;
    private boolean released;
    private volatile long userSeenAt;
    private volatile boolean paused;
    private final AtomicBoolean shed = new AtomicBoolean();

    ConnectionMeter(ConnectionGuard guard, Channel channel, SessionId session, long now) {
        this.guard = guard;
        this.channel = channel;
        this.session = session;
        this.openedAt = now;
        this.userSeenAt = NONE;
        channel.attr(KEY).set(this);
    }

    /** The meter of a chat connection, or null for a channel the guard does not watch. */
    public static ConnectionMeter of(Channel ch) {
        return ch.attr(KEY).get();
    }

    public SessionId session() {
        return session;
    }

    Channel channel() {
        return channel;
    }

    /**
     * The decoder's holdings after a read: {@code held} bytes of an unfinished message or garbage run. Called on
     * the connection's event loop. With the budget spent, a connection that still holds a sizeable unfinished
     * message is shed at once rather than at the next sweep.
     */
    public void inbound(long held, boolean unfinished) {
        if (shed.get()) {
            return;
        }
        guard.budget().addInbound(held - inbound);
        inbound = held;
        if (!unfinished) {
            unfinishedSince = NONE;
        } else if (unfinishedSince == NONE) {
            unfinishedSince = System.nanoTime();
        }
        if (unfinished && held >= ShedPolicy.SIGNIFICANT && guard.budget().full()) {
            guard.shed(this, ShedReason.OVER_BUDGET);
        }
    }

    /**
     * The server stops (true) or resumes (false) reading this connection for its own work, a password check: the
     * unfinished message does not age meanwhile, since the client cannot finish what the server does not read.
     * Called on the connection's event loop.
     */
    public void serverBusy(boolean busy) {
        long now = System.nanoTime();
        if (busy) {
            if (busySince == NONE) {
                busySince = now;
            }
            return;
        }
        long since = unfinishedSince;
        long busyFrom = busySince;
        if (since != NONE && busyFrom != NONE) {
            unfinishedSince = since + (now - Math.max(busyFrom, since));
        }
        busySince = NONE;
    }

    /**
     * Called before a server message is queued on a connection whose queue is past its high-water mark: false
     * (and the connection is shed) when the client has stopped reading, that is when its queue outgrew the
     * per-connection cap, or when the budget is spent and this queue is one of the sizeable ones.
     */
    public boolean admitWrite() {
        if (shed.get()) {
            return false;
        }
        long pending = refreshOutbound(System.nanoTime());
        if (pending > guard.perConnectionOutbound()) {
            guard.shed(this, ShedReason.NOT_READING);
            return false;
        }
        if (pending >= ShedPolicy.SIGNIFICANT && guard.budget().full()) {
            guard.shed(this, ShedReason.OVER_BUDGET);
            return false;
        }
        return true;
    }

    /** Brings the budget up to date with the connection's queue; returns the queued bytes. */
    synchronized long refreshOutbound(long now) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        if (released) {
            return pending;
        }
        if (pending == 0) {
            stalledSince = NONE;
        } else if (outbound == 0 || pending < outbound) {
            // Started, or shrank since the last look: the client is reading.
            stalledSince = now;
        }
        guard.budget().addOutbound(pending - outbound);
        outbound = pending;
        return pending;
    }

    /** The connection is closed: whatever it held is gone. Runs once, on its event loop. */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        guard.budget().addOutbound(-outbound);
        outbound = 0;
        guard.budget().addInbound(-inbound);
        inbound = 0;
    }

    synchronized ShedPolicy.View view(long now) {
        long busyFrom = busySince;
        long since = unfinishedSince;
        long clock = busyFrom == NONE ? now : Math.min(now, Math.max(busyFrom, since));
        return new ShedPolicy.View(session.value(), inbound, outbound, since == NONE ? -1 : clock - since,
                stalledSince == NONE ? -1 : now - stalledSince, paused);
    }

    /** Bytes held now, in and out. */
    synchronized long held() {
        return inbound + outbound;
    }

    boolean holdsAnything() {
        return inbound > 0 || unfinishedSince != NONE || paused;
    }

    long openedAt() {
        return openedAt;
    }

    /** When the guard last saw a user logged in here; meaningless unless {@link #everSeenWithUser()}. */
    long userSeenAt() {
        return userSeenAt;
    }

    boolean everSeenWithUser() {
        return userSeenAt != NONE;
    }

    void userSeen(long now) {
        userSeenAt = now;
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean p) {
        paused = p;
    }

    /** True the first time only: a connection is shed once. */
    boolean markShed() {
        return shed.compareAndSet(false, true);
    }

    boolean isShed() {
        return shed.get();
    }
}
