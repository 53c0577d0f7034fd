package io.chatspec.conformance.crash;

import io.chatspec.protocol.MalformedMessageException;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A chat server that dies the way naive implementations of the protocol do: a byte-for-byte forwarder in front of a
 * real reference server that, as soon as a client sends something that is not a JSON object (input the seed's
 * clients can send), stops listening and drops every connection. Everything else it serves correctly, so cases run
 * after a restart get real verdicts.
 */
public final class FragileServer implements AutoCloseable {
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    /** What kills it, each a crash seen in real servers of this protocol. */
    public enum Fault {
        /** Input that is not a JSON object. */
        BAD_JSON,
        /** A command whose {@code cmd} is an object. */
        OBJECT_CMD,
        /** A command arriving while another connection's command, a few ms old, is still unanswered. */
        CONCURRENT,
        /** A transfer's timeout firing (the server's {@code send_file_reply timeout}). */
        TRANSFER_TIMEOUT;

        public static Fault parse(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** How long an unanswered command counts as being processed, for {@link Fault#CONCURRENT}. */
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Fault fault;
    /** Per client connection: when its last command arrived, and whether the server has answered since. */
    private final java.util.Map<Socket, long[]> pending = new ConcurrentHashMap<>();
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Runnable onCrash;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean down = new AtomicBoolean();
    private final CountDownLatch acceptLoopDone = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fragile-server");
        t.setDaemon(true);
        return t;
    });

    private FragileServer(ServerSocket listener, InetSocketAddress upstream, Fault fault, Runnable onCrash) {
        this.listener = listener;
        this.fault = fault;
        this.upstream = upstream;
        this.onCrash = onCrash;
        threads.execute(this::acceptLoop);
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port); {@code onCrash} runs after it went down. */
    public static FragileServer start(int port, InetSocketAddress upstream, Runnable onCrash) throws IOException {
        return start(port, upstream, Fault.BAD_JSON, onCrash);
    }

    public static FragileServer start(int port, InetSocketAddress upstream, Fault fault, Runnable onCrash)
            throws IOException {
        return new FragileServer(new ServerSocket(port, 200, InetAddress.getByName("127.0.0.1")), upstream, fault,
                onCrash);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    public boolean crashed() {
        return down.get();
    }

    private void acceptLoop() {
        try {
            serve();
        } finally {
            acceptLoopDone.countDown();
        }
    }

    private void serve() {
        while (!down.get()) {
            try {
                Socket client = listener.accept();
                if (down.get()) {
                    closeQuietly(client);
                    return;
                }
                Socket server = new Socket();
                server.connect(upstream, 2000);
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> clientToServer(client, server));
                threads.execute(() -> serverToClient(server, client));
            } catch (IOException | RejectedExecutionException e) {
                if (down.get()) {
                    return;
                }
            }
        }
    }

    private void clientToServer(Socket client, Socket server) {
        FrameSplitter splitter = new FrameSplitter(MAX_FRAME);
        byte[] buf = new byte[64 * 1024];
        // A server's transfer timer outlives the client that started the transfer: with that fault the upstream
        // connection stays open a while after the client left, so the timeout still reaches (and kills) us.
        Socket upstreamSide = fault == Fault.TRANSFER_TIMEOUT ? null : server;
        try (client; Closer ignored = new Closer(upstreamSide)) {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (Frame f : splitter.feed(buf, 0, n)) {
                    if (fatal(client, f)) {
                        crash();
                        return;
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away; closing both ends the pair
        } finally {
            if (upstreamSide == null) {
                LINGER.schedule(() -> closeQuietly(server), 5, TimeUnit.SECONDS);
            }
        }
    }

    private static final java.util.concurrent.ScheduledExecutorService LINGER =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fragile-linger");
                t.setDaemon(true);
                return t;
            });

    /** Closes a socket when there is one. */
    private record Closer(Socket socket) implements AutoCloseable {
        @Override
        public void close() {
            if (socket != null) {
                closeQuietly(socket);
            }
        }
    }

    private void serverToClient(Socket server, Socket client) {
        byte[] buf = new byte[64 * 1024];
        try (server; client) {
            InputStream in = server.getInputStream();
            OutputStream out = client.getOutputStream();
            FrameSplitter splitter = new FrameSplitter(MAX_FRAME);
            int n;
            while ((n = in.read(buf)) >= 0) {
                pending.computeIfAbsent(client, k -> new long[2])[1] = 0;
                if (fault == Fault.TRANSFER_TIMEOUT && splitter.feed(buf, 0, n).stream().anyMatch(f -> {
                    Message m = parse(f);
                    return m != null && "send_file_reply".equals(m.cmd()) && "timeout".equals(m.result());
                })) {
                    crash();
                    return;
                }
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException clientGone) {
                    if (fault != Fault.TRANSFER_TIMEOUT) {
                        return;
                    }
                    // keep reading: the transfer's timeout may still come
                }
            }
        } catch (IOException ignored) {
            // one side went away
        }
    }

    private boolean fatal(Socket client, Frame f) {
        Message m = parse(f);
        return switch (fault) {
            case BAD_JSON -> m == null;
            case OBJECT_CMD -> m != null && m.get("cmd") != null && m.get("cmd").isObject();
            case CONCURRENT -> m != null && collides(client);
            case TRANSFER_TIMEOUT -> false;
        };
    }

    /** True when another connection's command arrived moments ago and is still unanswered. */
    private boolean collides(Socket client) {
        long now = System.nanoTime();
        boolean busy = pending.entrySet().stream().anyMatch(e -> e.getKey() != client && e.getValue()[1] == 1
                && now - e.getValue()[0] < BUSY_NANOS);
        long[] mine = pending.computeIfAbsent(client, k -> new long[2]);
        mine[0] = now;
        mine[1] = 1;
        return busy;
    }

    private static Message parse(Frame f) {
        if (f.kind() != Frame.Kind.OBJECT) {
            return null;
        }
        try {
            return Message.parse(f.bytes());
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    private void crash() {
        if (!down.compareAndSet(false, true)) {
            return;
        }
        // The listener goes first: by the time the harness sees its connection drop, the port must already
        // refuse, as it does after a real crash; otherwise the harness could probe a half-dead server.
        closeListener();
        sockets.forEach(FragileServer::closeQuietly);
        threads.shutdownNow();
        onCrash.run();
    }

    /**
     * Closing a ServerSocket while a thread is blocked in accept() only pre-closes it: the kernel keeps the port
     * listening until that thread wakes up. Waiting for the accept loop to end makes the port refuse for real.
     */
    private void closeListener() {
        closeQuietly(listener);
        try {
            if (!acceptLoopDone.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("accept loop did not end after the listener closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (down.compareAndSet(false, true)) {
            closeListener();
            sockets.forEach(FragileServer::closeQuietly);
            threads.shutdownNow();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
