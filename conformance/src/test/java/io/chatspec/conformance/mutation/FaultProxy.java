package io.chatspec.conformance.mutation;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.chatspec.protocol.Json;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.MalformedMessageException;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A protocol-aware TCP proxy in front of a real server that injects one {@link Mutant}'s faults: it rewrites,
 * drops, duplicates or injects server messages, can swallow client commands, changes how messages are written
 * (no newline, coalesced, byte by byte), and can put itself in front of relay ports to damage file bytes. It needs
 * no hooks in the server, so the same faults could be laid over any implementation.
 */
public final class FaultProxy implements AutoCloseable {
    private static final ObjectWriter STYLED = Json.MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("   ", "\n")));

    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-proxy-flush");
        t.setDaemon(true);
        return t;
    });

    private final InetSocketAddress upstream;
    private final Mutant mutant;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    /** Logged-in user -> the connection it is logged in on, as far as the proxy can tell from the traffic. */
    final Map<String, Conn> online = new ConcurrentHashMap<>();
    final Set<Conn> connections = ConcurrentHashMap.newKeySet();
    /** Shared scratch state for stateful mutants (friendships seen, group creators, forwards seen). */
    final Map<String, Object> memory = new ConcurrentHashMap<>();
    private final Map<Integer, RelayTap> relays = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public FaultProxy(InetSocketAddress upstream, Mutant mutant) throws IOException {
        this.upstream = upstream;
        this.mutant = mutant;
        this.listener = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    /** The host of the server behind the proxy: relay connections go there too. */
    public String upstreamHost() {
        return upstream.getHostString();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                Socket server = new Socket();
                server.connect(upstream, 2000);
                server.setTcpNoDelay(true);
                Conn c = new Conn(client, server);
                connections.add(c);
                threads.execute(c::pumpClientToServer);
                threads.execute(c::pumpServerToClient);
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Port rewrite for relay mutants: the client is sent to a tap that forwards to the server's port. */
    int tapRelay(int serverPort, long length) {
        return relays.computeIfAbsent(serverPort, p -> {
            try {
                return new RelayTap(p, length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).port();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        connections.forEach(Conn::closeBoth);
        relays.values().forEach(RelayTap::close);
        // per-run machinery a mutant keeps here (a ProxyRelay) ends with the proxy
        memory.values().stream().filter(AutoCloseable.class::isInstance).forEach(c -> {
            try {
                ((AutoCloseable) c).close();
            } catch (Exception ignored) {
                // closing
            }
        });
        threads.shutdownNow();
    }

    /** One proxied control connection. */
    public final class Conn {
        private final Socket client;
        private final Socket server;
        private final Object writeLock = new Object();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        volatile String user;
        volatile String pendingLogin;
        /** The last command of each kind this client sent, for mutants that need the request to rewrite a reply. */
        final Map<String, Message> lastCommand = new ConcurrentHashMap<>();

        Conn(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        public FaultProxy proxy() {
            return FaultProxy.this;
        }

        void pumpClientToServer() {
            FrameSplitter splitter = new FrameSplitter(16 * 1024 * 1024);
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    boolean atBoundary = splitter.heldBytes() == 0 && !splitter.midObject();
                    List<Frame> frames = splitter.feed(buf, 0, n);
                    if (mutant.oneMessagePerRead()) {
                        // A server that parses one message per recv(): of a read that starts a fresh message and
                        // holds several, only the first counts (the parser ignores what trails it). Anything else,
                        // garbage and messages cut across reads included, reaches it as read.
                        List<Frame> objects = frames.stream().filter(f -> f.kind() == Frame.Kind.OBJECT).toList();
                        if (atBoundary && objects.size() > 1) {
                            out.write(objects.get(0).bytes());
                            out.write('\n');
                            observeClient(objects.get(0));
                        } else {
                            out.write(buf, 0, n);
                            frames.forEach(this::observeClient);
                        }
                        out.flush();
                        continue;
                    }
                    if (!mutant.interceptsClient()) {
                        // raw pass-through keeps the client's exact segmentation (framing cases, too_large)
                        out.write(buf, 0, n);
                        out.flush();
                        frames.forEach(this::observeClient);
                        continue;
                    }
                    for (Frame f : frames) {
                        Message m = parse(f);
                        if (m == null) {
                            out.write(f.bytes());
                            out.write('\n');
                            continue;
                        }
                        observeClient(f);
                        for (Message fwd : mutant.fromClient(this, m)) {
                            out.write(fwd.toJsonBytes());
                            out.write('\n');
                        }
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // either side went away
            } finally {
                clientGone();
            }
        }

        private void clientGone() {
            connections.remove(this);
            if (user != null) {
                online.remove(user, this);
            }
            if (mutant.keepsUpstreamOpenOnDrop()) {
                return;
            }
            closeBoth();
        }

        private void observeClient(Frame f) {
            Message m = parse(f);
            if (m == null || m.cmd() == null) {
                return;
            }
            lastCommand.put(m.cmd(), m);
            if ("login".equals(m.cmd())) {
                pendingLogin = m.text("user");
            } else if ("offline".equals(m.cmd()) && user != null && user.equals(m.text("user"))
                    && !mutant.interceptsClient()) {
                online.remove(user, this);
                user = null;
            }
        }

        void pumpServerToClient() {
            FrameSplitter splitter = new FrameSplitter(16 * 1024 * 1024);
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = server.getInputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    for (Frame f : splitter.feed(buf, 0, n)) {
                        Message m = parse(f);
                        if (m == null) {
                            writeRaw(f.bytes());
                            continue;
                        }
                        if ("login_reply".equals(m.cmd()) && "success".equals(m.result()) && pendingLogin != null) {
                            if (user != null) {
                                online.remove(user, this);
                            }
                            user = pendingLogin;
                            online.put(user, this);
                        }
                        for (Message out : mutant.fromServer(this, m)) {
                            send(out);
                        }
                    }
                }
            } catch (IOException ignored) {
                // either side went away
            } finally {
                flushPending();
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }

        /** Writes one message to this client in the mutant's output style. */
        public void send(Message m) {
            byte[] json = m.toJsonBytes();
            try {
                switch (mutant.output()) {
                    case NORMAL -> writeRaw(concat(json, "\n".getBytes(StandardCharsets.UTF_8)));
                    case NO_NEWLINE -> writeRaw(json);
                    case SEMICOLON -> writeRaw(concat(json, ";".getBytes(StandardCharsets.UTF_8)));
                    case STYLED -> writeRaw(concat(STYLED.writeValueAsBytes(Json.MAPPER.readTree(json)),
                            "\n".getBytes(StandardCharsets.UTF_8)));
                    case SPLIT_BYTES -> {
                        byte[] all = concat(json, "\n".getBytes(StandardCharsets.UTF_8));
                        synchronized (writeLock) {
                            OutputStream out = client.getOutputStream();
                            for (byte b : all) {
                                out.write(b);
                                out.flush();
                            }
                        }
                    }
                    case COALESCED -> {
                        synchronized (writeLock) {
                            boolean first = pending.size() == 0;
                            pending.write(json);
                            pending.write('\n');
                            if (first) {
                                // hold briefly so messages written close together leave in one segment
                                FLUSHER.schedule(this::flushPending, 25, TimeUnit.MILLISECONDS);
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // the client is gone; nothing to deliver to
            }
        }

        private void flushPending() {
            synchronized (writeLock) {
                if (pending.size() == 0) {
                    return;
                }
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(pending.toByteArray());
                    out.flush();
                } catch (IOException ignored) {
                    // client gone
                }
                pending.reset();
            }
        }

        private void writeRaw(byte[] bytes) throws IOException {
            synchronized (writeLock) {
                OutputStream out = client.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        }

        /** A reply made up by the proxy, as if the server had sent it. */
        public void replyDirectly(Message m) {
            send(m);
        }

        void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A listener in front of one server relay port; bytes towards the client pass the mutant's relay filter. */
    private final class RelayTap {
        private final int serverPort;
        private final long length;
        private final ServerSocket socket;

        RelayTap(int serverPort, long length) throws IOException {
            this.serverPort = serverPort;
            this.length = length;
            this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            threads.execute(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    Socket s;
                    try {
                        s = new Socket();
                        s.connect(new InetSocketAddress(upstream.getHostString(), serverPort), 2000);
                    } catch (IOException refused) {
                        c.close();
                        continue;
                    }
                    threads.execute(() -> pipe(c, s, false));
                    threads.execute(() -> pipe(s, c, true));
                } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                    return;
                }
            }
        }

        private void pipe(Socket from, Socket to, boolean towardsClient) {
            byte[] buf = new byte[64 * 1024];
            long offset = 0;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    byte[] chunk = java.util.Arrays.copyOf(buf, n);
                    if (towardsClient) {
                        chunk = mutant.relayDown(chunk, offset, length);
                    }
                    offset += n;
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
