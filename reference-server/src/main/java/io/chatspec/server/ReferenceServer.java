package io.chatspec.server;

import io.chatspec.protocol.netty.Transports;
import io.chatspec.server.domain.ChatDomain;
import io.chatspec.server.domain.DomainLimits;
import io.chatspec.server.limits.ConnectionGuard;
import io.chatspec.server.limits.Fatal;
import io.chatspec.server.limits.GuardSnapshot;
import io.chatspec.server.limits.LoopWatchdog;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.netty.ChatPipeline;
import io.chatspec.server.netty.DomainGateway;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.password.PasswordHashing;
import io.chatspec.server.relay.RelayPorts;
import io.chatspec.server.relay.TransferRelay;
import io.chatspec.server.store.ChatStore;
import io.chatspec.server.store.InMemoryChatStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The reference server, embeddable: {@code try (ReferenceServer s = ReferenceServer.start(ServerConfig.ephemeral()))
 * { ... s.address() ... }}. All chat connections and relay transfers share one set of event loops.
 */
public final class ReferenceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReferenceServer.class);
    /** A loop that runs no task for this long is stuck for good (a busy loop answers within milliseconds). */
    private static final Duration STUCK_LOOP = Duration.ofSeconds(30);

    /** Sees the accept loop's errors before Netty's acceptor swallows them (it only pauses accepting for 1 s). */
    private static final ChannelHandler FATAL_ON_ACCEPT = new FatalOnAccept();

    private final ServerConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final TransferRelay relay;
    private final DomainGateway gateway;
    private final ConnectionGuard guard;
    private final LoopWatchdog watchdog;
    private final ChatStore store;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private ReferenceServer(ServerConfig config, EventLoopGroup boss, EventLoopGroup workers, Channel listener,
                            TransferRelay relay, DomainGateway gateway, ChatStore store, ConnectionGuard guard,
                            LoopWatchdog watchdog) {
        this.config = config;
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.relay = relay;
        this.gateway = gateway;
        this.guard = guard;
        this.watchdog = watchdog;
        this.store = store;
        this.address = (InetSocketAddress) listener.localAddress();
    }

    /**
     * Starts with an in-memory store. Returns once the chat port is bound. Embedded servers hash passwords with
     * {@link PasswordHasher#light()}; the command line uses {@link PasswordHasher#defaults()}.
     */
    public static ReferenceServer start(ServerConfig config) {
        return start(config, new InMemoryChatStore());
    }

    /**
     * Starts on the given store; the store is used from one thread at a time. The server owns it from here:
     * {@link #close()} closes it if it is {@link AutoCloseable} (a durable store), also when the start fails.
     */
    public static ReferenceServer start(ServerConfig config, ChatStore store) {
        return start(config, store, PasswordHasher.light());
    }

    /** Starts on the given store, hashing passwords with {@code hasher} (off the event loops). */
    public static ReferenceServer start(ServerConfig config, ChatStore store, PasswordHashing hasher) {
        EventLoopGroup boss = Transports.newGroup("chatspec-accept", 1);
        EventLoopGroup workers = Transports.newGroup("chatspec-io", Math.max(2, Runtime.getRuntime().availableProcessors()));
        ServerLimits limits = config.limits();
        DomainGateway gateway = new DomainGateway(new ChatDomain(store,
                new DomainLimits(limits.maxNameLength(), limits.maxTransfersPerUser(),
                        limits.effectiveMaxRecords())), hasher);
        TransferRelay relay = new TransferRelay(workers, config.host(), new RelayPorts(config.relayPorts()),
                config.transferTimeout(), gateway);
        gateway.attach(relay);
        AtomicLong sessions = new AtomicLong();
        ConnectionGuard guard = new ConnectionGuard(limits, candidates -> gateway.inspect(d -> {
            Set<SessionId> withUser = new HashSet<>();
            for (SessionId s : candidates) {
                if (d.userOn(s).isPresent()) {
                    withUser.add(s);
                }
            }
            return withUser;
        }));
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .handler(FATAL_ON_ACCEPT)
                    .childHandler(new ChatPipeline(config.maxMessageSize(),
                            () -> new SessionId(sessions.incrementAndGet()), gateway, guard))
                    .bind(config.host(), config.port())
                    .syncUninterruptibly()
                    .channel();
            LoopWatchdog watchdog = new LoopWatchdog(STUCK_LOOP, boss, workers);
            ReferenceServer server = new ReferenceServer(config, boss, workers, ch, relay, gateway, store,
                    guard, watchdog);
            log.info("listening on {}:{} (relay ports {}, transfer timeout {}, max message {} bytes)",
                    config.host(), server.port(), config.relayPorts(), config.transferTimeout(),
                    config.maxMessageSize());
            log.info("limits: at most {} connections, {} bytes buffered in all, message deadline {}, login deadline "
                            + "{}, read deadline {}, names up to {} characters, {} open transfers per user, {} records "
                            + "stored", guard.maxConnections(), guard.budget().limit(), limits.messageDeadline(),
                    limits.loginDeadline(), limits.readDeadline(), limits.maxNameLength(), limits.maxTransfersPerUser(),
                    limits.effectiveMaxRecords());
            log.info("passwords: {}", hasher);
            return server;
        } catch (Exception e) {
            guard.close();
            // Netty rethrows the bind's checked exception (say, a BindException) without declaring it.
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            gateway.close();
            closeStore(store);
            throw new UncheckedIOException(new IOException("cannot listen on " + config.host() + ":" + config.port()
                    + ": " + e, e));
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** Transfers holding a relay port or a relay connection right now. */
    public int liveTransfers() {
        return relay.liveTransfers();
    }

    /** The most bytes one relay transfer has held in memory at once; bounded whatever the file size. */
    public long relayPeakBufferedBytes() {
        return relay.peakBufferedBytes();
    }

    /** What the connection guard holds and has shed so far (LIMIT rules). */
    public GuardSnapshot limitsSnapshot() {
        return guard.snapshot();
    }

    /** A consistent look at the domain state, for diagnostics and tests. */
    public <T> T inspect(Function<ChatDomain, T> query) {
        return gateway.inspect(query);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Stops listening, closes every connection and relay transfer, and stops the event loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            watchdog.close();
            listener.close().syncUninterruptibly();
            relay.close();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            gateway.close();
            closeStore(store);
            guard.close();
            log.info("stopped listening on {}:{}", config.host(), port());
        } finally {
            terminated.countDown();
        }
    }

    private static void closeStore(ChatStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the store failed", e);
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class FatalOnAccept extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Fatal.check(cause);
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public String toString() {
        return "ReferenceServer[" + address.getHostString() + ":" + port() + "]";
    }
}
