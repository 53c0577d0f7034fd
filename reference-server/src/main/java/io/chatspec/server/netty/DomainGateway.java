package io.chatspec.server.netty;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.server.domain.ChatDomain;
import io.chatspec.server.domain.Effect;
import io.chatspec.server.domain.FrameProblem;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.domain.TransferId;
import io.chatspec.server.limits.ConnectionMeter;
import io.chatspec.server.limits.Fatal;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.password.PasswordHashing;
import io.chatspec.server.relay.RelayListener;
import io.chatspec.server.relay.TransferRelay;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.chatspec.protocol.Results.FAILURE;

/**
 * Where I/O meets the domain. Every domain call runs under one lock and its messages are ordered on their
 * channels before the lock is released (handed to the recipient's event loop, or, when that loop is the current
 * one and nothing handed off is still waiting there, written by this thread right after the release; see
 * {@link RecipientOutlet}), so any two messages to one recipient are written in the order the domain decided them,
 * whichever event loops the causes came from. Relay work happens after the lock is released because it calls
 * back in. Password hashing (tens of milliseconds of CPU) runs on its own small pool,
 * never under the lock or on an event loop; the connection's handler holds back its later commands meanwhile.
 */
public final class DomainGateway implements RelayListener {
    private static final Logger log = LoggerFactory.getLogger(DomainGateway.class);

    static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private final ChatDomain domain;
    private final PasswordHashing hasher;
    private final ExecutorService hashing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<SessionId, RecipientOutlet> channels = new ConcurrentHashMap<>();
    /** Writes that went out without a hand-off; guarded by {@link #lock}. */
    private long directWrites;
    private volatile TransferRelay relay;

    public DomainGateway(ChatDomain domain) {
        this(domain, PasswordHasher.defaults());
    }

    public DomainGateway(ChatDomain domain, PasswordHashing hasher) {
        this(domain, hasher, passwordPool());
    }

    /** {@code hashing} runs password work; tests pass an immediate one to stay on one thread. */
    DomainGateway(ChatDomain domain, PasswordHashing hasher, ExecutorService hashing) {
        this.domain = domain;
        this.hasher = hasher;
        this.hashing = hashing;
    }

    /** Bounded threads bound the memory Argon2 holds at once (one block per running hash); queued work waits. */
    private static ExecutorService passwordPool() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chatspec-password-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the password pool; work still queued is dropped (its connections are closing anyway). */
    public void close() {
        hashing.shutdownNow();
    }

    /** Set once at start; the relay and the gateway refer to each other. */
    public void attach(TransferRelay transferRelay) {
        this.relay = transferRelay;
    }

    void connected(SessionId session, Channel channel) {
        channels.put(session, new RecipientOutlet(channel));
        run(() -> domain.connected(session));
    }

    void disconnected(SessionId session) {
        run(() -> domain.disconnected(session));
        channels.remove(session);
    }

    /**
     * Null when the command is fully handled; otherwise it waits for a password hash and the future completes
     * (in any case, also on failure) once its reply is queued. The caller must not pass this session's next
     * command before then.
     */
    CompletableFuture<Void> command(SessionId session, Message command) {
        return run(() -> {
            try {
                return domain.handle(session, command);
            } catch (RuntimeException e) {
                // The store failed (a full disk, a broken database) or a bug: the client still gets its reply,
                // as for a failed password step, and the connection goes on.
                log.error("command {} failed", command.cmd(), e);
                return CommandTable.byCmd(command.cmd()).map(CommandSpec::reply).filter(r -> r != null)
                        .<List<Effect>>map(r -> List.of(new Effect.Send(session, Message.of(r, "result", FAILURE))))
                        .orElse(List.of());
            }
        });
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

    /** Writes so far that went out on the current loop without a hand-off (tests, diagnostics). */
    long directWrites() {
        lock.lock();
        try {
            return directWrites;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A client that stops reading must not make the server buffer without end: once its queue is past the high-water
     * mark, its {@link ConnectionMeter} decides (per-connection cap, memory budget, LIMIT-4); an unguarded channel
     * is cut at {@link #MAX_QUEUED_BYTES}. Either way the connection is closed, which logs its user out like any
     * dropped connection.
     */
    private void write(RecipientOutlet out, Effect.Send send, List<Runnable> direct) {
        Channel ch = out.channel();
        if (!ch.isActive()) {
            // Closed or closing (perhaps for not reading): its user is logged out when channelInactive runs.
            return;
        }
        if (!ch.isWritable()) {
            ConnectionMeter meter = ConnectionMeter.of(ch);
            if (meter != null && !meter.admitWrite()) {
                return;
            }
            ChannelOutboundBuffer queued = ch.unsafe().outboundBuffer();
            if (meter == null && queued != null && queued.totalPendingWriteBytes() > MAX_QUEUED_BYTES) {
                log.warn("closing {}: it has not read {} bytes of server messages", ch.remoteAddress(),
                        queued.totalPendingWriteBytes());
                ch.close();
                return;
            }
        }
        inOrder(out, () -> ch.writeAndFlush(send.message(), ch.voidPromise()), direct);
    }

    /** Called under the lock. */
    private void inOrder(RecipientOutlet out, Runnable io, List<Runnable> direct) {
        if (out.inOrder(io, direct)) {
            directWrites++;
        }
    }

    private CompletableFuture<Void> run(Supplier<List<Effect>> call) {
        List<Effect.OpenTransfer> opens = null;
        List<List<InetAddress>> openParties = null;
        CompletableFuture<Void> pending = null;
        Effect credentials = null;
        List<Runnable> direct = new ArrayList<>(2);
        lock.lock();
        try {
            for (Effect effect : call.get()) {
                if (effect instanceof Effect.Send send) {
                    RecipientOutlet out = channels.get(send.to());
                    if (out != null) {
                        write(out, send, direct);
                    }
                } else if (effect instanceof Effect.Close close) {
                    RecipientOutlet out = channels.get(close.session());
                    if (out != null) {
                        Channel ch = out.channel();
                        // An empty write ordered behind the messages: the close waits for them to be written.
                        inOrder(out, () -> ch.writeAndFlush(Unpooled.EMPTY_BUFFER)
                                .addListener(ChannelFutureListener.CLOSE), direct);
                    }
                } else if (effect instanceof Effect.OpenTransfer open) {
                    if (opens == null) {
                        opens = new ArrayList<>(1);
                    }
                    opens.add(open);
                    if (openParties == null) {
                        openParties = new ArrayList<>(1);
                    }
                    openParties.add(partyAddresses(open.transfer()));
                } else if (effect instanceof Effect.HashPassword || effect instanceof Effect.VerifyPassword) {
                    credentials = effect;
                }
            }
        } catch (RuntimeException e) {
            // A bug in one command must not take the server down; the connection stays usable.
            log.error("domain call failed", e);
        } finally {
            lock.unlock();
        }
        for (Runnable io : direct) {
            try {
                io.run();
            } catch (RuntimeException e) {
                // As for a handed-off write: one failed write must not keep the others (or the caller) from going on.
                log.error("write failed", e);
            }
        }
        if (opens != null) {
            TransferRelay r = relay;
            for (int i = 0; i < opens.size(); i++) {
                Effect.OpenTransfer open = opens.get(i);
                if (r == null) {
                    rejected(open.transfer());
                } else {
                    r.open(open.transfer(), open.length(), openParties.get(i));
                }
            }
        }
        if (credentials != null) {
            pending = credentials(credentials);
        }
        return pending;
    }

    /**
     * Runs a password step off the lock and answers the domain. If the step throws (a hasher bug, a stored hash it
     * cannot read, no memory for Argon2's blocks) the client still gets its reply, a {@code failure}, and its
     * connection goes on with its next command: a missing reply would leave the client waiting for ever.
     */
    private CompletableFuture<Void> credentials(Effect effect) {
        CompletableFuture<Supplier<List<Effect>>> answer;
        try {
            if (effect instanceof Effect.HashPassword h) {
                answer = CompletableFuture.supplyAsync(() -> {
                    String hash = hasher.hash(h.password());
                    return () -> domain.passwordHashed(h.session(), h.user(), hash);
                }, hashing);
            } else {
                Effect.VerifyPassword v = (Effect.VerifyPassword) effect;
                // The throttle's wait is a timer, not a sleeping thread: the hash starts when it fires.
                Executor start = v.delay().isZero() ? hashing
                        : CompletableFuture.delayedExecutor(v.delay().toMillis(), TimeUnit.MILLISECONDS, hashing);
                answer = CompletableFuture.supplyAsync(() -> {
                    boolean ok = hasher.verify(v.password(), v.storedHash());
                    return () -> domain.passwordChecked(v.session(), v.user(), ok);
                }, start);
            }
        } catch (RejectedExecutionException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((call, failure) -> {
            if (failure == null) {
                run(() -> {
                    try {
                        return call.get();
                    } catch (RuntimeException e) {
                        // the store refused the new account (a full disk, a broken database): still a reply
                        log.error("password step {} failed in the domain; answering failure", effect, e);
                        return effect instanceof Effect.HashPassword h ? domain.passwordHashFailed(h.session())
                                : domain.passwordCheckFailed(((Effect.VerifyPassword) effect).session());
                    }
                });
            } else if (!hashing.isShutdown()) {
                // Shut down means the server is stopping: its connections are closing and nobody waits for a reply.
                Fatal.check(failure);
                log.error("password step {} failed; answering failure", effect, failure);
                run(() -> effect instanceof Effect.HashPassword h ? domain.passwordHashFailed(h.session())
                        : domain.passwordCheckFailed(((Effect.VerifyPassword) effect).session()));
            }
            return null;
        });
    }

    /**
     * The addresses the relay admits for a transfer: those of the sender's and the receiver's control connections,
     * one entry per party (twice the same address when both are on one host). Called under the lock.
     */
    private List<InetAddress> partyAddresses(TransferId transfer) {
        List<InetAddress> out = new ArrayList<>(2);
        for (SessionId party : domain.transferParties(transfer)) {
            RecipientOutlet outlet = channels.get(party);
            Channel ch = outlet == null ? null : outlet.channel();
            if (ch != null && ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
                out.add(a.getAddress());
            }
        }
        return out;
    }
}
