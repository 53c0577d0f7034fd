package io.chatspec.server.limits;

import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.server.ServerLimits;
import io.chatspec.server.domain.SessionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Enforces {@link ServerLimits} on chat connections: admits up to the connection limit, keeps every connection's
 * {@link ConnectionMeter}, and every {@link #SWEEP} asks {@link ShedPolicy} what to pause, resume and close, and
 * closes connections left without a login past the login deadline. Shedding logs each victim (rate-limited) and a
 * {@code limits:} summary line every {@link #REPORT} while anything changes.
 */
public final class ConnectionGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    static final Duration SWEEP = Duration.ofMillis(100);
    static final Duration REPORT = Duration.ofSeconds(5);
    private static final int LOG_LINES_PER_SECOND = 20;
    /** The login check asks the domain (under its lock), so it runs once a second rather than every sweep. */
    private static final int SWEEPS_PER_LOGIN_CHECK = 10;

    private final ServerLimits limits;
    private final MemoryBudget budget;
    private final ShedPolicy policy;
    private final int maxConnections;
    private final long perConnectionOutbound;
    private final long loginDeadlineNanos;
    private final Function<Collection<SessionId>, Set<SessionId>> loggedIn;
    private final Map<Long, ConnectionMeter> meters = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ShedStats stats = new ShedStats();
    private final ScheduledExecutorService timer;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final HeapWatch heapWatch = new HeapWatch();
    private final AtomicLong logSecond = new AtomicLong();
    private final AtomicInteger logLines = new AtomicInteger();
    private final ChannelHandler refuser;
    private long sweeps;
    private String lastReport = "";

    /**
     * @param loggedIn given some sessions, returns those with a logged-in user (asks the domain)
     */
    public ConnectionGuard(ServerLimits limits, Function<Collection<SessionId>, Set<SessionId>> loggedIn) {
        this.limits = limits;
        this.budget = new MemoryBudget(limits.effectiveMaxBuffered());
        this.policy = new ShedPolicy(budget.limit(), limits.messageDeadline(), limits.readDeadline());
        this.maxConnections = limits.effectiveMaxConnections();
        // Far below the old 16 MiB: a reader that keeps up never gets near it, and 32 stuck readers cannot spend
        // the whole budget between two sweeps.
        this.perConnectionOutbound = Math.max(128 * 1024, Math.min(1024 * 1024, budget.limit() / 32));
        this.loginDeadlineNanos = limits.loginDeadline().toNanos();
        this.loggedIn = loggedIn;
        this.refuser = new Refuser(Message.of(Commands.ERROR, "result", ShedReason.TOO_MANY_CONNECTIONS.result()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chatspec-guard");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepSafely, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ServerLimits limits() {
        return limits;
    }

    public MemoryBudget budget() {
        return budget;
    }

    public int maxConnections() {
        return maxConnections;
    }

    long perConnectionOutbound() {
        return perConnectionOutbound;
    }

    /** Open chat connections. */
    public int connections() {
        return open.get();
    }

    // ---- admission --------------------------------------------------------------------------------------------

    /**
     * Called as a connection's pipeline is set up: returns its meter, or null when the connection is over the
     * limit, in which case its pipeline has been set up to send {@code too_many_connections} and close (LIMIT-1).
     */
    public ConnectionMeter admit(Channel ch, SessionId session) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            stats.shed(ShedReason.TOO_MANY_CONNECTIONS, 0);
            logShed(ch, ShedReason.TOO_MANY_CONNECTIONS, 0);
            ch.pipeline().addLast(refuser);
            return null;
        }
        stats.connections(open.get());
        ConnectionMeter meter = new ConnectionMeter(this, ch, session, System.nanoTime());
        meters.put(session.value(), meter);
        ch.closeFuture().addListener(f -> {
            meters.remove(session.value());
            meter.release();
            open.decrementAndGet();
        });
        return meter;
    }

    // ---- shedding ---------------------------------------------------------------------------------------------

    /** Closes a connection for {@code reason}, once, on its event loop; the client is told why when it can be. */
    void shed(ConnectionMeter meter, ShedReason reason) {
        if (!meter.markShed()) {
            return;
        }
        Channel ch = meter.channel();
        ch.eventLoop().execute(() -> {
            long held = meter.held();
            stats.shed(reason, held);
            logShed(ch, reason, held);
            if (reason.result() != null && ch.isActive()) {
                // Flushed straight into the socket if it has room; the close does not wait for a client that may
                // never read (a graceful close could hold the connection forever).
                ch.writeAndFlush(Message.of(Commands.ERROR, "result", reason.result()), ch.voidPromise());
            }
            ch.close();
        });
    }

    private void logShed(Channel ch, ShedReason reason, long held) {
        long second = System.nanoTime() / 1_000_000_000L;
        if (logSecond.getAndSet(second) != second) {
            logLines.set(0);
        }
        if (logLines.incrementAndGet() <= LOG_LINES_PER_SECOND) {
            log.info("closing {}: {} (held {} bytes; budget {})", ch.remoteAddress(), reason.text(), held, budget);
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // The sweep must go on: a bug here would leave the server without its defences.
            log.error("limits sweep failed", e);
        }
    }

    void sweep() {
        long now = System.nanoTime();
        stats.heap(memory.getHeapMemoryUsage().getUsed(), heapWatch.peakAfterGc());
        List<ShedPolicy.View> views = new ArrayList<>();
        for (ConnectionMeter m : meters.values()) {
            m.refreshOutbound(now);
            if (!m.isShed() && (m.holdsAnything() || m.held() > 0)) {
                views.add(m.view(now));
            }
        }
        ShedPolicy.Plan plan = policy.decide(views, budget.used());
        for (Long id : plan.pause()) {
            pause(meters.get(id), true);
        }
        for (Long id : plan.resume()) {
            pause(meters.get(id), false);
        }
        for (ShedPolicy.Shed s : plan.close()) {
            ConnectionMeter m = meters.get(s.id());
            if (m != null) {
                shed(m, s.reason());
            }
        }
        if (++sweeps % SWEEPS_PER_LOGIN_CHECK == 0) {
            checkLogins(now);
        }
        if (sweeps % (REPORT.toMillis() / SWEEP.toMillis()) == 0) {
            report(false);
        }
    }

    /** Reading stops or resumes for the budget; a pause for a password check is the handler's to lift. */
    private void pause(ConnectionMeter m, boolean pause) {
        if (m == null) {
            return;
        }
        m.paused(pause);
        Channel ch = m.channel();
        ch.eventLoop().execute(() -> {
            if (m.paused() == pause) {
                ReadGate gate = ReadGate.of(ch);
                if (pause) {
                    gate.close(ReadGate.Reason.BUDGET);
                } else {
                    gate.open(ReadGate.Reason.BUDGET);
                }
            }
        });
    }

    /**
     * LIMIT-3: a connection without a logged-in user for the login deadline is closed. The deadline counts from the
     * opening, or from the last check that saw a user on it; checks are a second apart, so one more second is
     * allowed after a user was seen, which makes sure nobody is closed before the deadline after an offline.
     */
    private void checkLogins(long now) {
        List<ConnectionMeter> open = new ArrayList<>(meters.size());
        for (ConnectionMeter m : meters.values()) {
            if (!m.isShed()) {
                open.add(m);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        List<SessionId> sessions = new ArrayList<>(open.size());
        open.forEach(m -> sessions.add(m.session()));
        Set<SessionId> withUser = new HashSet<>(loggedIn.apply(sessions));
        long checkPeriod = SWEEP.toNanos() * SWEEPS_PER_LOGIN_CHECK;
        for (ConnectionMeter m : open) {
            if (withUser.contains(m.session())) {
                m.userSeen(now);
            } else if (now - m.openedAt() >= loginDeadlineNanos
                    && (!m.everSeenWithUser() || now - m.userSeenAt() >= loginDeadlineNanos + checkPeriod)) {
                shed(m, ShedReason.LOGIN_DEADLINE);
            }
        }
    }

    /** Logs the {@code limits:} line when anything changed since the last one (or always, when forced). */
    public void report(boolean always) {
        GuardSnapshot s = snapshot();
        String line = s.toString();
        String comparable = line.replaceAll("peakHeap\\w*=\\d+ ", "");
        if (always || !comparable.equals(lastReport)) {
            lastReport = comparable;
            log.info(line);
        }
    }

    public GuardSnapshot snapshot() {
        Map<ShedReason, Long> shed = new EnumMap<>(ShedReason.class);
        Map<ShedReason, Long> bytes = new EnumMap<>(ShedReason.class);
        for (ShedReason r : ShedReason.values()) {
            shed.put(r, stats.shed(r));
            bytes.put(r, stats.shedBytes(r));
        }
        return new GuardSnapshot(open.get(), stats.peakConnections(), budget.used(), budget.peak(), budget.limit(),
                stats.peakHeap(), stats.peakLiveHeap(), shed, bytes);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        heapWatch.close();
        report(true);
    }

    /** Set up instead of the chat pipeline on a connection over the limit: one error message, then close. */
    @ChannelHandler.Sharable
    private static final class Refuser extends ChannelInboundHandlerAdapter {
        private final byte[] notice;

        Refuser(Message notice) {
            byte[] json = notice.toJsonBytes();
            this.notice = new byte[json.length + 1];
            System.arraycopy(json, 0, this.notice, 0, json.length);
            this.notice[json.length] = '\n';
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf out = Unpooled.wrappedBuffer(notice);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
