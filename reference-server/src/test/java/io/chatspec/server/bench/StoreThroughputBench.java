package io.chatspec.server.bench;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.store.ChatStore;
import io.chatspec.server.store.InMemoryChatStore;
import io.chatspec.server.store.JdbcChatStore;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.testng.Assert.assertEquals;

/**
 * Not a unit test: register and login throughput over real sockets with each store, and the Argon2id cost of one
 * login on its own. Several clients pipeline in parallel so the password pool is kept busy. Run with
 * {@code mvn -o test -pl reference-server -Dgroups=bench -Dsurefire.excludedGroups=none -Dtest=StoreThroughputBench};
 * results go to {@code target/store-bench.txt}. Figures from a shared or busy machine are indicative only.
 */
@Test(groups = "bench")
public class StoreThroughputBench {
    private static final int CLIENTS = 8;
    private static final int USERS_PER_CLIENT = 100;
    private static final Duration WAIT = Duration.ofSeconds(120);

    public void registerAndLoginPerSecond() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# store throughput, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + System.getProperty("java.version") + ", " + CLIENTS + " clients x "
                + USERS_PER_CLIENT + " users; throughput with the embedded servers' hash " + PasswordHasher.light()
                + ", so the stores and not Argon2 set the pace");
        lines.add(String.format("argon2id cost per login with the command line's default %s (one thread, median of "
                + "20): %.1f ms", PasswordHasher.defaults(), hashMillis()));
        Path data = Files.createTempDirectory("chatspec-bench");
        run(lines, "in-memory", InMemoryChatStore::new);
        run(lines, "h2 --data", () -> JdbcChatStore.open(data));
        Path report = Paths.get(System.getProperty("chatspec.storeBenchReport", "target/store-bench.txt"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.write(report, lines);
        lines.forEach(System.out::println);
    }

    private static double hashMillis() {
        PasswordHasher h = PasswordHasher.defaults();
        String stored = h.hash("warm-up");
        for (int i = 0; i < 5; i++) {
            h.verify("warm-up", stored);
        }
        double[] ms = new double[20];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            h.verify("warm-up", stored);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static void run(List<String> lines, String label, Supplier<ChatStore> store) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.ephemeral(), store.get())) {
            double reg = phase(server, label, "register");
            double login = phase(server, label, "login");
            lines.add(String.format("%-10s register %7.1f/s   login %7.1f/s", label, reg, login));
        }
    }

    /** Every client pipelines its whole batch, then waits for all replies; the rate is over the slowest client. */
    private static double phase(ReferenceServer server, String label, String what) throws Exception {
        String prefix = label.replace(' ', '_') + "-";
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            all.add(CompletableFuture.runAsync(() -> {
                try (ChatClient cl = ChatClient.connect(what + client, server.address())) {
                    for (int u = 0; u < USERS_PER_CLIENT; u++) {
                        String user = prefix + client + "-" + u;
                        cl.send(what.equals("register") ? Messages.register(user, "pw") : Messages.login(user, "pw"));
                    }
                    for (int u = 0; u < USERS_PER_CLIENT; u++) {
                        Message m = cl.expectCmd(what + "_reply", WAIT);
                        assertEquals(m.result(), "success");
                    }
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return CLIENTS * USERS_PER_CLIENT / seconds;
    }
}
