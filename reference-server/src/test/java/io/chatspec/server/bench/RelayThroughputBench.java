package io.chatspec.server.bench;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import org.testng.annotations.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;

/**
 * Not a unit test: 1 GiB through the relay against the same 1 GiB copied socket to socket on loopback, in one
 * run on one machine. Run with {@code mvn -o test -pl reference-server -Dgroups=bench -Dsurefire.excludedGroups=none};
 * results go to {@code target/relay-bench.txt}.
 */
@Test(groups = "bench")
public class RelayThroughputBench {
    private static final long GIB = 1L << 30;
    private static final int ROUNDS = 3;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] CHUNK = new byte[256 * 1024];

    static {
        new Random(1).nextBytes(CHUNK);
    }

    public void relayVersusDirectCopy() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# relay throughput, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + System.getProperty("java.version") + ", " + GIB + " bytes per run");
        double bestDirect = 0;
        double bestRelay = 0;
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.ephemeral())) {
            // one warm-up of each, unreported, so the JIT has compiled the copy loops
            direct(GIB / 8);
            relay(server, GIB / 8, 0);
            for (int i = 1; i <= ROUNDS; i++) {
                double d = direct(GIB);
                double r = relay(server, GIB, i);
                bestDirect = Math.max(bestDirect, d);
                bestRelay = Math.max(bestRelay, r);
                lines.add(String.format("round %d: direct socket-to-socket %.0f MB/s, through relay %.0f MB/s", i, d, r));
            }
        }
        lines.add(String.format("best: direct %.0f MB/s, relay %.0f MB/s (%.0f%% of direct)", bestDirect, bestRelay,
                100 * bestRelay / bestDirect));
        Path report = Paths.get(System.getProperty("chatspec.benchReport", "target/relay-bench.txt"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.write(report, lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
    }

    /** Sender and receiver threads joined by one loopback connection: the ceiling for any relay. */
    private static double direct(long length) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
            long start = System.nanoTime();
            CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    return drain(s);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket s = new Socket()) {
                s.connect(address);
                write(s, length);
            }
            assertEquals((long) got.get(2, TimeUnit.MINUTES), length);
            return mbPerSecond(length, System.nanoTime() - start);
        }
    }

    private static double relay(ReferenceServer server, long length, int round) throws Exception {
        String from = "bench-from-" + round + "-" + System.nanoTime();
        String to = "bench-to-" + round + "-" + System.nanoTime();
        try (ChatClient a = ChatClient.connect(from, server.address());
             ChatClient b = ChatClient.connect(to, server.address())) {
            for (var c : List.of(a, b)) {
                c.send(Messages.register(c.name(), "pw"));
                c.expectCmd("register_reply", WAIT);
                c.send(Messages.login(c.name(), "pw"));
                c.expectCmd("login_reply", WAIT);
            }
            a.send(Messages.sendFile(from, to, length, "bench.bin"));
            Message port = a.expectCmd("send_file_port_reply", WAIT);
            InetSocketAddress relay = new InetSocketAddress(server.address().getAddress(), port.get("port").intValue());
            try (Socket receiver = new Socket(); Socket sender = new Socket()) {
                receiver.connect(relay);
                long start = System.nanoTime();
                CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> drain(receiver));
                sender.connect(relay);
                write(sender, length);
                assertEquals((long) got.get(2, TimeUnit.MINUTES), length);
                return mbPerSecond(length, System.nanoTime() - start);
            }
        }
    }

    private static void write(Socket s, long length) throws IOException {
        OutputStream out = s.getOutputStream();
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(CHUNK.length, left);
            out.write(CHUNK, 0, n);
            left -= n;
        }
        out.flush();
    }

    private static long drain(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / (nanos / 1e9) / 1e6;
    }
}
