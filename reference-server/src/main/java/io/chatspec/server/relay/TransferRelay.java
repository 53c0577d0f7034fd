package io.chatspec.server.relay;

import io.chatspec.server.domain.TransferId;
import io.chatspec.server.limits.Fatal;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;

/**
 * The file relay: one listening port per transfer, taken from {@link RelayPorts}, held until both parties have
 * connected or the transfer timeout passes. Each transfer runs on a single event loop of the shared group.
 */
public final class TransferRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransferRelay.class);

    /**
     * Big reads and up to 8 MiB queued per receiver: enough for GB/s on loopback, and the bound on what one
     * transfer can hold in memory (plus one read).
     */
    private static final int READ_MAX = 1024 * 1024;
    private static final AdaptiveRecvByteBufAllocator READS = new AdaptiveRecvByteBufAllocator(4096, 64 * 1024,
            READ_MAX);
    private static final WriteBufferWaterMark IN_FLIGHT = new WriteBufferWaterMark(2 * 1024 * 1024, 8 * 1024 * 1024);

    private static final int BACKLOG = 4;
    private static final Duration REBIND_WINDOW = Duration.ofMillis(200);

    private final EventLoopGroup group;
    private final String host;
    private final RelayPorts ports;
    private final Duration timeout;
    private final RelayListener listener;
    private final Map<TransferId, RelayTransfer> live = new ConcurrentHashMap<>();
    private final LongAccumulator peakBuffered = new LongAccumulator(Math::max, 0);
    private volatile boolean closed;

    public TransferRelay(EventLoopGroup group, String host, RelayPorts ports, Duration timeout,
                         RelayListener listener) {
        this.group = group;
        this.host = host;
        this.ports = ports;
        this.timeout = timeout;
        this.listener = new Forgetting(listener);
    }

    /** Starts listening for a transfer that admits connections from anywhere (see the binding variant). */
    public void open(TransferId id, long length) {
        open(id, length, null);
    }

    /**
     * Starts listening for a transfer; the outcome arrives through the {@link RelayListener}. Never blocks.
     *
     * @param parties the addresses of the sender's and the receiver's control connections, one entry per party:
     *                only connections from them are admitted, at most one per entry; null admits any two
     */
    public void open(TransferId id, long length, List<InetAddress> parties) {
        if (closed) {
            listener.rejected(id);
            return;
        }
        EventLoop loop = group.next();
        RelayTransfer transfer = new RelayTransfer(id, length, loop, timeout, listener, peakBuffered,
                parties == null ? null : new PartySlots(parties));
        tryBind(transfer, loop, ports.maxAttempts());
    }

    /** Transfers that hold a port or still have a party connected. */
    public int liveTransfers() {
        return live.size();
    }

    /** The most bytes any transfer has held in server memory at once since start (backpressure check). */
    public long peakBufferedBytes() {
        return peakBuffered.get();
    }

    /** The per-transfer memory bound: the receiver's high-water mark plus one maximal read. */
    public static long bufferBound() {
        return IN_FLIGHT.high() + READ_MAX;
    }

    public RelayPorts ports() {
        return ports;
    }

    /**
     * Binds synchronously, so the port replies are decided before the sender's next command is read and its
     * replies keep the order of its commands (MSG-7). A port taken by another process stays claimed while the
     * next is tried, so the pool does not hand it straight back.
     */
    private void tryBind(RelayTransfer transfer, EventLoop loop, int attempts) {
        List<Integer> unbindable = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                OptionalInt claim = ports.claim();
                if (claim.isEmpty()) {
                    break;
                }
                int port = claim.getAsInt();
                ServerSocketChannel socket = bind(port);
                if (socket == null) {
                    unbindable.add(port);
                    continue;
                }
                listen(transfer, loop, socket, port);
                return;
            }
        } finally {
            unbindable.forEach(ports::releaseUnbound);
        }
        log.info("transfer {} refused: no relay port free in {}", transfer.id(), ports.range());
        listener.rejected(transfer.id());
    }

    /**
     * A port this relay has just freed may still be held by the OS for a moment (see
     * {@link RelayPorts#justReleased}), so such a port is retried briefly; any other failure is final.
     */
    private ServerSocketChannel bind(int port) {
        long deadline = System.nanoTime() + REBIND_WINDOW.toNanos();
        while (true) {
            try {
                return bindOnce(port);
            } catch (IOException e) {
                if (!ports.justReleased(port, REBIND_WINDOW) || System.nanoTime() > deadline) {
                    log.debug("relay port {} not bindable: {}", port, e.toString());
                    return null;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private ServerSocketChannel bindOnce(int port) throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.bind(new InetSocketAddress(host, port), BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void listen(RelayTransfer transfer, EventLoop loop, ServerSocketChannel socket, int claimed) {
        NioServerSocketChannel server = new NioServerSocketChannel(socket);
        int bound = socket.socket().getLocalPort();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                ports.release(claimed);
            }
        };
        server.closeFuture().addListener(cf -> release.run());
        live.put(transfer.id(), transfer);
        // Before registration: handing the channel to its loop orders this before the loop's first accept.
        transfer.listening(server, release);
        bootstrap(transfer, loop).channelFactory((ChannelFactory<ServerChannel>) () -> server).register()
                .addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        log.warn("relay listener of transfer {} failed to register: {}", transfer.id(), f.cause());
                        loop.execute(() -> {
                            transfer.abort();
                            // Both parties were told the port: end the transfer for the domain as a timeout.
                            listener.timedOut(transfer.id());
                        });
                    }
                });
        listener.opened(transfer.id(), bound);
    }

    private ServerBootstrap bootstrap(RelayTransfer transfer, EventLoop loop) {
        return new ServerBootstrap()
                .group(loop, loop)
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, READS)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, IN_FLIGHT)
                .childHandler(new ChannelInitializer<NioSocketChannel>() {
                    @Override
                    protected void initChannel(NioSocketChannel ch) {
                        ch.pipeline().addLast(new PartyHandler(transfer));
                    }
                });
    }

    @Override
    public void close() {
        closed = true;
        live.values().forEach(t -> t.loop().execute(t::abort));
        live.clear();
    }

    /** Drops a transfer from {@link #live} once its outcome is known, then passes the outcome on. */
    private final class Forgetting implements RelayListener {
        private final RelayListener next;

        Forgetting(RelayListener next) {
            this.next = next;
        }

        @Override
        public void opened(TransferId transfer, int port) {
            next.opened(transfer, port);
        }

        @Override
        public void rejected(TransferId transfer) {
            next.rejected(transfer);
        }

        @Override
        public void timedOut(TransferId transfer) {
            live.remove(transfer);
            next.timedOut(transfer);
        }

        @Override
        public void ended(TransferId transfer, long bytesRelayed, boolean complete) {
            live.remove(transfer);
            next.ended(transfer, bytesRelayed, complete);
        }
    }

    /** The edge of a party's connection into its transfer. */
    private final class PartyHandler extends ChannelInboundHandlerAdapter {
        private final RelayTransfer transfer;

        PartyHandler(RelayTransfer transfer) {
            this.transfer = transfer;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            transfer.accepted(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            transfer.read(ctx.channel(), (ByteBuf) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            transfer.readComplete(ctx.channel());
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            transfer.writabilityChanged(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            transfer.inactive(ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Fatal.check(cause);
            log.debug("relay connection of transfer {} failed: {}", transfer.id(), cause.toString());
            ctx.close();
        }
    }
}
