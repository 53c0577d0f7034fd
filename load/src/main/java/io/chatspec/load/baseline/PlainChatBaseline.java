package io.chatspec.load.baseline;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The yardstick for chat throughput: the same pairs and message size as a chat simulation, sent by a minimal
 * java.nio client on one thread (pre-encoded commands, objects classified by {@code cmd} bytes only, no JSON
 * tree, no per-message allocation) at full speed, {@code window} private chats in flight per sender. Both users
 * of a pair send to each other, as in PrivateChatSimulation. What an injector reaches against this figure on
 * the same server says whether a run measured the server or the injector.
 *
 * <p>Set-up (register, login) is blocking and untimed; the clock runs from the first chat to the last delivery.
 */
public final class PlainChatBaseline {
    /** What one baseline run measured. */
    public record Result(int pairs, int window, int messageSize, long delivered, double seconds,
                         double cpuSeconds) {
        public double messagesPerSecond() {
            return seconds <= 0 ? 0 : delivered / seconds;
        }

        /** CPU-seconds the client thread spent per 10,000 delivered messages. */
        public double cpuSecondsPer10k() {
            return delivered == 0 ? 0 : cpuSeconds / delivered * 10_000;
        }

        /** Both runs together: their messages over their summed time, so the rate is the time-weighted mean. */
        public Result plus(Result other) {
            return new Result(pairs, window, messageSize, delivered + other.delivered, seconds + other.seconds,
                    cpuSeconds + other.cpuSeconds);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pairs", pairs);
            m.put("window", window);
            m.put("messageSize", messageSize);
            m.put("delivered", delivered);
            m.put("seconds", round(seconds));
            m.put("messagesPerSecond", round(messagesPerSecond()));
            m.put("clientCpuSecondsPer10k", round(cpuSecondsPer10k()));
            return m;
        }
    }

    private PlainChatBaseline() {
    }

    /**
     * Runs {@code pairs} pairs, each user sending {@code perUser} messages of {@code messageSize} characters to its
     * partner. User names are {@code prefix-bN}; the prefix must be unique per run on a shared server.
     */
    public static Result run(InetSocketAddress server, String prefix, int pairs, int perUser, int messageSize,
                             int window, Duration timeout) {
        List<Peer> peers = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            try {
                for (int i = 0; i < pairs * 2; i++) {
                    peers.add(new Peer(prefix + "-b" + i, SocketChannel.open(server)));
                }
                for (int i = 0; i < peers.size(); i++) {
                    peers.get(i).setUp(peers.get(i ^ 1).name, messageSize);
                }
                for (Peer p : peers) {
                    p.channel.configureBlocking(false);
                    p.key = p.channel.register(selector, SelectionKey.OP_READ, p);
                }
                return measure(selector, peers, pairs, perUser, messageSize, window, timeout);
            } finally {
                for (Peer p : peers) {
                    p.channel.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result measure(Selector selector, List<Peer> peers, int pairs, int perUser, int messageSize,
                                  int window, Duration timeout) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long expected = (long) peers.size() * perUser;
        long[] done = {0};
        for (Peer p : peers) {
            for (int i = 0; i < Math.min(window, perUser); i++) {
                p.sendChat();
            }
        }
        while (done[0] < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "plain-client baseline: %d of %d messages delivered within %s", done[0], expected, timeout));
            }
            selector.select(100);
            for (SelectionKey k : selector.selectedKeys()) {
                Peer p = (Peer) k.attachment();
                if (k.isValid() && k.isWritable()) {
                    p.flush();
                }
                if (k.isValid() && k.isReadable()) {
                    in.clear();
                    int n = p.channel.read(in);
                    if (n < 0) {
                        throw new IllegalStateException("plain-client baseline: server closed " + p.name);
                    }
                    in.flip();
                    p.scanner.feed(in, (kind, object, length) -> {
                        if (kind == CmdScanner.Kind.DELIVERY) {
                            done[0]++;
                        } else if (kind == CmdScanner.Kind.REPLY) {
                            p.replied(perUser);
                        }
                    });
                }
            }
            selector.selectedKeys().clear();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return new Result(pairs, window, messageSize, done[0], seconds, cpu);
    }

    /** One user: its socket, its pre-encoded chat command and its send window. */
    private static final class Peer {
        final String name;
        final SocketChannel channel;
        final CmdScanner scanner = new CmdScanner("private_chat");
        SelectionKey key;
        byte[] chat;
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        int sent;

        Peer(String name, SocketChannel channel) throws IOException {
            this.name = name;
            this.channel = channel;
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }

        /** register and login, blocking, one reply each; the text is fixed ('x' padding) for the whole run. */
        void setUp(String partner, int messageSize) throws IOException {
            exchange(Messages.register(name, "pw"), "register");
            exchange(Messages.login(name, "pw"), "login");
            chat = (Messages.privateChat(name, partner, "x".repeat(messageSize)).toJson() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private void exchange(Message command, String what) throws IOException {
            ByteBuffer b = ByteBuffer.wrap((command.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            CmdScanner s = new CmdScanner(what);
            ByteBuffer in = ByteBuffer.allocate(4096);
            String[] reply = {null};
            while (reply[0] == null) {
                in.clear();
                if (channel.read(in) < 0) {
                    throw new IllegalStateException("plain-client baseline: server closed during " + what);
                }
                in.flip();
                s.feed(in, (kind, o, len) -> reply[0] = new String(o, 0, len, StandardCharsets.UTF_8));
            }
            if (!reply[0].contains("\"success\"")) {
                throw new IllegalStateException("plain-client baseline: " + what + " of " + name + " got " + reply[0]);
            }
        }

        void replied(int perUser) throws IOException {
            if (sent < perUser) {
                sendChat();
            }
        }

        void sendChat() throws IOException {
            sent++;
            if (out.position() == 0) {
                // the common case: nothing queued, write straight from the pre-encoded bytes
                ByteBuffer b = ByteBuffer.wrap(chat);
                channel.write(b);
                if (!b.hasRemaining()) {
                    return;
                }
                queue(b);
            } else {
                queue(ByteBuffer.wrap(chat));
            }
        }

        private void queue(ByteBuffer rest) {
            if (out.remaining() < rest.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + rest.remaining()));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            out.put(rest);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }

        void flush() throws IOException {
            out.flip();
            channel.write(out);
            out.compact();
            if (out.position() == 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
