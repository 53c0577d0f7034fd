package io.chatspec.conformance.mutation;

import io.chatspec.protocol.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relay behaviour of real servers laid over the reference server's relay: the proxy announces its own relay
 * port(s) and forwards each accepted connection to the reference server's port for that transfer, so the bytes are
 * still relayed correctly and only the behaviour under test differs:
 * <ul>
 *   <li>the receiver's {@code recv_file_port_reply} is held back until the first relay connection arrives;</li>
 *   <li>one fixed relay port for every transfer, the first connection taken as the sender of the latest announced
 *       transfer (a single pending slot, as such servers keep it) and the next one as its receiver;</li>
 *   <li>a relay connection that wrote bytes is closed with a TCP reset, as when a server closes it holding bytes it
 *       never read.</li>
 * </ul>
 */
final class ProxyRelay implements AutoCloseable {
    /** Which behaviours are on. */
    record Behaviour(boolean receiverPortAfterSender, boolean oneFixedPort, boolean resetWithUnreadBytes) {
    }

    private final String upstreamHost;
    private final Behaviour behaviour;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "proxy-relay");
        t.setDaemon(true);
        return t;
    });
    /** Reference-server relay port -> the transfer announced on it. */
    private final Map<Integer, Transfer> transfers = new ConcurrentHashMap<>();
    private final ServerSocket fixed;
    /** Fixed port only: the latest announced transfer no connection has claimed yet. */
    private Transfer pending;
    /** Fixed port only: the transfer whose sender is connected and whose receiver is awaited. */
    private Transfer awaitingReceiver;
    private volatile boolean closed;

    ProxyRelay(String upstreamHost, Behaviour behaviour) throws IOException {
        this.upstreamHost = upstreamHost;
        this.behaviour = behaviour;
        if (behaviour.oneFixedPort()) {
            fixed = listen();
            threads.execute(() -> acceptLoop(fixed, null));
        } else {
            fixed = null;
        }
    }

    /** One transfer as the proxy sees it. */
    private final class Transfer {
        final int upstreamPort;
        final ServerSocket own;
        boolean senderAnnounced;
        boolean receiverAnnounced;
        int connections;
        Runnable heldReceiverMessage;

        Transfer(int upstreamPort) {
            this.upstreamPort = upstreamPort;
            try {
                own = fixed == null ? listen() : null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (own != null) {
                threads.execute(() -> acceptLoop(own, this));
            }
        }

        int port() {
            return own != null ? own.getLocalPort() : fixed.getLocalPort();
        }
    }

    /** What the client gets in place of the server's {@code m}: port messages re-pointed at the proxy, maybe held. */
    List<Message> fromServer(FaultProxy.Conn conn, Message m) {
        boolean sender = "send_file_port_reply".equals(m.cmd());
        boolean receiver = "recv_file_port_reply".equals(m.cmd());
        if (!sender && !receiver || m.get("port") == null || !m.get("port").isInt()) {
            return List.of(m);
        }
        Transfer t = transfer(m.get("port").asInt(), sender);
        Message out = m.with("port", t.port());
        if (receiver && behaviour.receiverPortAfterSender()) {
            synchronized (t) {
                if (t.connections == 0) {
                    t.heldReceiverMessage = () -> conn.send(out);
                    return List.of();
                }
            }
        }
        return List.of(out);
    }

    /**
     * The transfer a port message belongs to. The two port messages reach the proxy on different connections, in
     * either order; a second message of the same kind for a port means the server reused the port for a new transfer.
     */
    private synchronized Transfer transfer(int upstreamPort, boolean senderMessage) {
        Transfer t = transfers.get(upstreamPort);
        if (t == null || (senderMessage ? t.senderAnnounced : t.receiverAnnounced)) {
            if (t != null && t.own != null) {
                closeQuietly(t.own);
            }
            t = new Transfer(upstreamPort);
            transfers.put(upstreamPort, t);
            if (fixed != null) {
                // one pending slot: a newer announcement replaces an unclaimed older one
                pending = t;
            }
        }
        if (senderMessage) {
            t.senderAnnounced = true;
        } else {
            t.receiverAnnounced = true;
        }
        return t;
    }

    private ServerSocket listen() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    private void acceptLoop(ServerSocket listener, Transfer own) {
        while (!closed && !listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Transfer t = own != null ? own : claimFixed();
            if (t == null) {
                // nothing pending on the fixed port: such a server closes the connection at once
                closeQuietly(client);
                continue;
            }
            try {
                threads.execute(() -> serve(t, client));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(client);
                return;
            }
        }
    }

    /** Fixed port: the first connection is the latest pending transfer's sender, the next its receiver. */
    private synchronized Transfer claimFixed() {
        if (awaitingReceiver != null) {
            Transfer t = awaitingReceiver;
            awaitingReceiver = null;
            return t;
        }
        Transfer t = pending;
        pending = null;
        awaitingReceiver = t;
        return t;
    }

    private void serve(Transfer t, Socket client) {
        Runnable release;
        synchronized (t) {
            t.connections++;
            release = t.connections == 1 ? t.heldReceiverMessage : null;
            t.heldReceiverMessage = null;
        }
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(upstreamHost, t.upstreamPort), 2000);
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException refused) {
            closeQuietly(server);
            closeQuietly(client);
            return;
        }
        if (release != null) {
            // the server learns of the sender only now, and only now tells the receiver where to connect
            release.run();
        }
        AtomicLong fromClient = new AtomicLong();
        threads.execute(() -> pipe(client, server, fromClient));
        pipe(server, client, null);
        synchronized (this) {
            if (awaitingReceiver == t) {
                // the sender is gone (transfer done or timed out): the slot is free before the close is seen
                awaitingReceiver = null;
            }
        }
        if (behaviour.resetWithUnreadBytes() && fromClient.get() > 0) {
            reset(client);
        }
        closeQuietly(client);
        closeQuietly(server);
    }

    private static void pipe(Socket from, Socket to, AtomicLong counted) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (counted != null) {
                    counted.addAndGet(n);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            if (counted != null) {
                // the client stopped writing: let the server see it, as the direct connection would
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    /** SO_LINGER 0: close() sends RST, as the kernel does for a socket closed with unread bytes. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        if (fixed != null) {
            closeQuietly(fixed);
        }
        transfers.values().stream().filter(t -> t.own != null).forEach(t -> closeQuietly(t.own));
        threads.shutdownNow();
    }
}
