package io.chatspec.server.bench;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.options.HostPort;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import org.testng.annotations.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a unit test: the server's private-chat hot path driven by a plain java.nio client (no framework, no JSON
 * parsing: it counts newline-terminated lines), N sender/receiver pairs with W chats in flight per sender. It
 * measures delivered private_chat messages per second, so it isolates the server from any injector's cost.
 *
 * <p>Run with {@code mvn -o test -pl reference-server -Dgroups=bench -Dsurefire.excludedGroups=none
 * -Dtest=PrivateChatThroughputBench}. It starts an in-process server unless {@code -Dbench.target=host:port} names
 * one; {@code -Dbench.pairs}, {@code -Dbench.window}, {@code -Dbench.seconds} tune it. Rows are appended to
 * {@code docs/benchmarks/server-hot-path.txt} (or {@code -Dchatspec.hotPathReport}) with the load average at the
 * start: figures taken with other work on the machine are indicative only.
 */
@Test(groups = "bench")
public class PrivateChatThroughputBench {
    private static final String TEXT = "x".repeat(64);

    public void privateChatMessagesPerSecond() throws Exception {
        int pairs = Integer.getInteger("bench.pairs", 100);
        int seconds = Integer.getInteger("bench.seconds", 10);
        String target = System.getProperty("bench.target");
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<String> rows = new ArrayList<>();
        if (target == null) {
            try (ReferenceServer server = ReferenceServer.start(ServerConfig.ephemeral())) {
                run(server.address(), pairs, seconds, load, "in-process server", rows);
            }
        } else {
            run(HostPort.parse(target).address(), pairs, seconds, load, target, rows);
        }
        Path report = Paths.get(System.getProperty("chatspec.hotPathReport", "../docs/benchmarks/server-hot-path.txt"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.write(report, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        rows.forEach(System.out::println);
    }

    private static void run(InetSocketAddress address, int pairs, int seconds, double load, String where,
                            List<String> rows) throws Exception {
        List<Integer> windows = Integer.getInteger("bench.window") != null
                ? List.of(Integer.getInteger("bench.window")) : List.of(1, 16);
        for (int window : windows) {
            Result r = measure(address, pairs, window, seconds);
            rows.add(String.format("%s | %s | %d CPUs | load %.2f | %d pairs | W=%d | %.0f msg/s delivered "
                            + "| %.3f CPU-s per 10k msgs (this JVM: client%s) | %s", Instant.now(), where,
                    Runtime.getRuntime().availableProcessors(), load, pairs, window, r.perSecond,
                    r.cpuPer10k, where.startsWith("in-process") ? " + server" : " only",
                    load > 1 ? "INDICATIVE ONLY: machine busy" : "quiet machine"));
        }
    }

    private record Result(double perSecond, double cpuPer10k) {
    }

    private static Result measure(InetSocketAddress address, int pairs, int window, int seconds) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        LongAdder delivered = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<SocketChannel> channels = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            String from = "hp" + run + "f" + p;
            String to = "hp" + run + "t" + p;
            SocketChannel sender = online(address, from);
            SocketChannel receiver = online(address, to);
            channels.add(sender);
            channels.add(receiver);
            byte[] chat = (Messages.privateChat(from, to, TEXT).toJson() + "\n").getBytes(StandardCharsets.UTF_8);
            Semaphore inFlight = new Semaphore(window);
            threads.add(daemon(() -> countLines(sender, stop, inFlight::release)));
            threads.add(daemon(() -> countLines(receiver, stop, delivered::increment)));
            threads.add(daemon(() -> {
                try {
                    while (!stop.get()) {
                        if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            ByteBuffer b = ByteBuffer.wrap(chat);
                            while (b.hasRemaining()) {
                                sender.write(b);
                            }
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // closed at the end of the run
                }
            }));
        }
        // Warm-up: let the JIT compile the server's and the client's loops before counting.
        Thread.sleep(Math.min(3000, seconds * 300L));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long count0 = delivered.sum();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = delivered.sum() - count0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        stop.set(true);
        for (SocketChannel c : channels) {
            c.close();
        }
        for (Thread t : threads) {
            t.join(2000);
        }
        return new Result(count / elapsed, count == 0 ? 0 : cpu * 10_000 / count);
    }

    private static Thread daemon(Runnable body) {
        Thread t = new Thread(body, "hot-path-bench");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static SocketChannel online(InetSocketAddress address, String user) throws IOException {
        SocketChannel c = SocketChannel.open(address);
        c.socket().setTcpNoDelay(true);
        for (var m : List.of(Messages.register(user, "pw"), Messages.login(user, "pw"))) {
            ByteBuffer b = ByteBuffer.wrap((m.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                c.write(b);
            }
            String reply = readLine(c);
            if (!reply.contains("\"success\"")) {
                throw new IllegalStateException(user + ": " + reply);
            }
        }
        return c;
    }

    /** Byte by byte: only used for the two replies of the set-up, never in the measured loop. */
    private static String readLine(SocketChannel c) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (true) {
            one.clear();
            if (c.read(one) < 0) {
                throw new IOException("closed");
            }
            char ch = (char) one.get(0);
            if (ch == '\n') {
                return line.toString();
            }
            line.append(ch);
        }
    }

    /** The server writes one JSON line per message (FRAME-4), so counting newlines counts messages. */
    private static void countLines(SocketChannel c, AtomicBoolean stop, Runnable perLine) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        byte[] bytes = new byte[64 * 1024];
        try {
            while (!stop.get()) {
                buf.clear();
                int n = c.read(buf);
                if (n < 0) {
                    return;
                }
                buf.flip();
                buf.get(bytes, 0, n);
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        perLine.run();
                    }
                }
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }
}
