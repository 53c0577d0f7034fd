package io.chatspec.server;

import io.chatspec.protocol.netty.Transports;
import io.chatspec.server.domain.ChatDomain;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.netty.ChatPipeline;
import io.chatspec.server.netty.DomainGateway;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.relay.RelayPorts;
import io.chatspec.server.relay.TransferRelay;
import io.chatspec.server.store.ChatStore;
import io.chatspec.server.store.InMemoryChatStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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

    private final ServerConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final TransferRelay relay;
    private final DomainGateway gateway;
    private final ChatStore store;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private ReferenceServer(ServerConfig config, EventLoopGroup boss, EventLoopGroup workers, Channel listener,
                            TransferRelay relay, DomainGateway gateway, ChatStore store) {
        this.config = config;
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.relay = relay;
        this.gateway = gateway;
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
    public static ReferenceServer start(ServerConfig config, ChatStore store, PasswordHasher hasher) {
        EventLoopGroup boss = Transports.newGroup("chatspec-accept", 1);
        EventLoopGroup workers = Transports.newGroup("chatspec-io", Math.max(2, Runtime.getRuntime().availableProcessors()));
        DomainGateway gateway = new DomainGateway(new ChatDomain(store), hasher);
        TransferRelay relay = new TransferRelay(workers, config.host(), new RelayPorts(config.relayPorts()),
                config.transferTimeout(), gateway);
        gateway.attach(relay);
        AtomicLong sessions = new AtomicLong();
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChatPipeline(config.maxMessageSize(),
                            () -> new SessionId(sessions.incrementAndGet()), gateway))
                    .bind(config.host(), config.port())
                    .syncUninterruptibly()
                    .channel();
            ReferenceServer server = new ReferenceServer(config, boss, workers, ch, relay, gateway, store);
            log.info("listening on {}:{} (relay ports {}, transfer timeout {}, max message {} bytes)",
                    config.host(), server.port(), config.relayPorts(), config.transferTimeout(),
                    config.maxMessageSize());
            return server;
        } catch (Exception e) {
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
            listener.close().syncUninterruptibly();
            relay.close();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            gateway.close();
            closeStore(store);
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

    @Override
    public String toString() {
        return "ReferenceServer[" + address.getHostString() + ":" + port() + "]";
    }
}
