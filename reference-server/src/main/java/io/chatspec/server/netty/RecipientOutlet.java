package io.chatspec.server.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One recipient's channel and the writes handed to its event loop that have not run yet.
 *
 * <p>The gateway issues every write under its lock, in the order the domain decided them. A write decided on the
 * channel's own loop may go out without a task (and the selector wake-up a task costs) only when nothing handed
 * off earlier is still waiting on that loop: Netty's loop runs I/O before queued tasks, so a direct write would
 * otherwise overtake a message another loop decided first. Hand-offs are counted up under the gateway lock and
 * down on the channel's loop after they ran; the loop's own thread sees a count that no queued task of its loop
 * can change while it looks, so "zero" there means every earlier write for this channel has gone out.
 */
final class RecipientOutlet {
    private final Channel channel;
    private final AtomicInteger handedOff = new AtomicInteger();

    RecipientOutlet(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Orders {@code io} after every write issued for this channel before it. Called under the gateway lock.
     * Returns true when {@code io} was added to {@code direct}: the caller runs it itself, right after releasing
     * the lock (so the lock is never held across a socket write). That keeps the order, because until the caller
     * returns its loop runs nothing else, and any write another thread decides for this channel meanwhile is a
     * task queued behind it.
     */
    boolean inOrder(Runnable io, List<Runnable> direct) {
        EventLoop loop = channel.eventLoop();
        if (handedOff.get() == 0 && loop.inEventLoop()) {
            direct.add(io);
            return true;
        }
        handedOff.incrementAndGet();
        try {
            loop.execute(() -> {
                try {
                    io.run();
                } finally {
                    handedOff.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            // The loop is shutting down: this write will never run, so it must not hold later ones back.
            handedOff.decrementAndGet();
            throw e;
        }
        return false;
    }
}
