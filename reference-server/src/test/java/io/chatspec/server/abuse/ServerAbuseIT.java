package io.chatspec.server.abuse;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.files.OutsiderAddress;
import io.chatspec.server.it.RawClient;
import io.chatspec.server.relay.RelayParty;
import io.chatspec.server.relay.RelayParty.Outcome;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * Issue 9's proof: the reference server as its own process with a 128 MiB heap, attacked the way an outsider
 * would, while a canary pair chats and must lose nothing. Each attack runs in turn (so each is attributable) and
 * each is bounded; the whole run takes about a minute. The server must answer the canary throughout, log what it
 * shed, and never log an OutOfMemoryError. The figures go to {@code target/abuse/figures.txt} and stdout.
 *
 * <p>Covers LIMIT-1 to LIMIT-7 end to end.
 */
public class ServerAbuseIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long BUDGET = 16L * 1024 * 1024;
    private static final int MAX_CONNECTIONS = 700;
    private static final Duration MESSAGE_DEADLINE = Duration.ofSeconds(5);
    private static final Duration LOGIN_DEADLINE = Duration.ofSeconds(6);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(5);
    private static final int MAX_NAME = 64;
    private static final Pattern LIMITS_LINE = Pattern.compile("limits: (connections=.*)$", Pattern.MULTILINE);

    private final Path dir = Paths.get(System.getProperty("chatspec.abuse.dir", "target/abuse"));
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "attacker");
        t.setDaemon(true);
        return t;
    });
    private AbuseTarget target;
    private Canary canary;

    @BeforeClass
    public void startServer() throws Exception {
        target = AbuseTarget.start(dir.resolve("server.log"), List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"),
                List.of("--port", "0", "--max-buffered", Long.toString(BUDGET),
                        "--max-connections", Integer.toString(MAX_CONNECTIONS),
                        "--message-deadline", MESSAGE_DEADLINE.toMillis() + "ms",
                        "--login-deadline", LOGIN_DEADLINE.toMillis() + "ms",
                        "--read-deadline", READ_DEADLINE.toMillis() + "ms",
                        "--max-name-length", Integer.toString(MAX_NAME), "--transfer-timeout", "3s",
                        "--max-transfers-per-user", "2",
                        // Light Argon2id, as embedded servers use: the storm tests name limits, not hash cost.
                        "--password-memory", "1024", "--password-iterations", "2"));
        canary = new Canary(target.address(), Long.toString(System.nanoTime(), 36));
        canary.start();
    }

    @AfterClass(alwaysRun = true)
    public void stopServer() throws Exception {
        pool.shutdownNow();
        if (canary != null) {
            canary.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test(description = "LIMIT-1 LIMIT-2 LIMIT-3 LIMIT-4 LIMIT-5 LIMIT-6 LIMIT-7 a 128 MiB server under eight attacks "
            + "keeps answering the canary, sheds the attackers and never runs out of memory")
    public void underAttack() throws Exception {
        long start = System.nanoTime();
        phase("hoarders", this::hoardersPastTheBudget);
        phase("nonReaders", this::neverReadingReceiversUnderFlood);
        phase("slowBytes", this::slowByteClients);
        phase("connectionLimit", this::connectionsUpToTheLimit);
        phase("relay", this::relayStealAndInject);
        phase("registerStorm", this::registerStormWithLongestNames);
        // last: it leaves the store full
        phase("groupStorm", this::groupStormUntilTheStoreIsFull);

        // Let the canary run a little past the last attack, then stop everything and read the log.
        Thread.sleep(1000);
        boolean canaryAlive = canary.alive();
        canary.close();
        figures.put("canary.sent", canary.sent.get());
        figures.put("canary.delivered", canary.delivered.get());
        figures.put("canary.lost", canary.lostMessages().size());
        figures.put("canary.maxLatencyMillis", canary.maxLatencyMillis.get());
        boolean aliveBeforeStop = target.isAlive();
        int exit = target.stop();
        String log = target.log();
        figures.put("server.exitStatus", exit);
        serverFigures(log);
        figures.put("run.seconds", (System.nanoTime() - start) / 1_000_000_000L);
        writeFigures();

        assertTrue(aliveBeforeStop, "the server process died during the attack");
        assertFalse(log.contains("OutOfMemoryError"), "the server logged an OutOfMemoryError");
        assertFalse(log.contains("giving up"), "the server gave up");
        assertTrue(canaryAlive, "a canary connection was closed");
        assertTrue(canary.lostMessages().isEmpty(), "canary messages lost: " + canary.lostMessages());
        assertTrue(canary.delivered.get() > 50, "the canary hardly chatted: " + canary.delivered.get());
        assertTrue(log.contains("closing "), "the server logged nothing it shed");
        assertTrue(problems.isEmpty(), "problems: " + String.join("\n  ", problems));
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(String name, Phase phase) {
        long start = System.nanoTime();
        try {
            phase.run();
        } catch (Exception | AssertionError e) {
            problems.add(name + ": " + e);
        }
        figures.put(name + ".seconds", String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    // ---- the attacks --------------------------------------------------------------------------------------------

    /** Issue 9 (1): unfinished messages, no login, past the budget. Each is shed for the budget or its deadline. */
    private void hoardersPastTheBudget() throws Exception {
        int n = 400;
        String half = "{\"cmd\":\"register\",\"user\":\"" + "a".repeat(60_000);
        figures.put("hoarders.connections", n);
        figures.put("hoarders.bytesOffered", (long) n * half.length());
        List<RawClient> hoarders = openAll(n, null, 0);
        try {
            forAll(hoarders, h -> {
                h.write(half);
                return null;
            });
            Map<String, Integer> outcome = outcomes(hoarders, MESSAGE_DEADLINE.plus(WAIT));
            figures.put("hoarders.outcome", outcome);
            check(outcome.getOrDefault(OVERLOADED, 0) > 0, "hoarders: none was shed for the budget: " + outcome);
            check(outcome.getOrDefault("open", 0) == 0, "hoarders: some are still open: " + outcome);
        } finally {
            hoarders.forEach(RawClient::close);
        }
    }

    /** Issue 9 (2): logged-in users that never read, flooded by a peer. Each is dropped; the flooders go on. */
    private void neverReadingReceiversUnderFlood() throws Exception {
        int n = 8;
        String tag = Long.toString(System.nanoTime(), 36);
        List<String> sinks = new ArrayList<>();
        List<RawClient> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String user = "sink" + i + "_" + tag;
                RawClient r = RawClient.connect(target.address(), null, 4096);
                receivers.add(r);
                r.send(Messages.register(user, "pw"));
                r.read(WAIT);
                r.send(Messages.login(user, "pw"));
                check(SUCCESS.equals(r.read(WAIT).result()), "nonReaders: login failed");
                sinks.add(user);
            }
            String flooder = "flooder_" + tag;
            ChatClient f = ChatClient.connect(flooder, target.address());
            f.send(Messages.register(flooder, "pw"));
            f.expectCmd(REGISTER_REPLY, WAIT);
            f.send(Messages.login(flooder, "pw"));
            f.expectCmd(LOGIN_REPLY, WAIT);
            String text = "f".repeat(2000);
            long bytes = 0;
            List<String> online = new ArrayList<>(sinks);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!online.isEmpty() && System.nanoTime() < deadline) {
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String to = online.get(i % online.size());
                    batch.add(to);
                    Message m = Messages.privateChat(flooder, to, text);
                    f.send(m);
                    bytes += m.toJson().length() + 1;
                }
                for (String to : batch) {
                    if (io.chatspec.protocol.Results.OFFLINE.equals(f.expectCmd(PRIVATE_CHAT_REPLY, WAIT).result())) {
                        online.remove(to);
                    }
                }
            }
            figures.put("nonReaders.receivers", n);
            figures.put("nonReaders.dropped", n - online.size());
            figures.put("nonReaders.floodBytes", bytes);
            check(online.isEmpty(), "nonReaders: not dropped: " + online);
            check(f.isOpen(), "nonReaders: the flooder (who reads its replies) was dropped");
            f.close();
        } finally {
            receivers.forEach(RawClient::close);
        }
    }

    /**
     * Issue 9 (5): slow-byte clients. One byte of an endless message every 300 ms (message deadline), one blank every
     * 300 ms (it frames nothing, so only the login deadline catches it), and connections that send nothing.
     */
    private void slowByteClients() throws Exception {
        int n = 30;
        List<RawClient> dribblers = openAll(n, null, 0);
        List<RawClient> blanks = openAll(n, null, 0);
        List<RawClient> silent = openAll(n, null, 0);
        AtomicInteger step = new AtomicInteger();
        byte[] endless = ("{\"cmd\":\"login\",\"user\":\"" + "s".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        var dribble = Executors.newSingleThreadScheduledExecutor();
        try {
            dribble.scheduleAtFixedRate(() -> {
                int i = step.getAndIncrement();
                for (int k = 0; k < n; k++) {
                    try {
                        dribblers.get(k).write(new byte[]{endless[i % endless.length]});
                        blanks.get(k).write(" ");
                    } catch (IOException closed) {
                        // closed by the server: that is the point
                    }
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            Duration patience = LOGIN_DEADLINE.plus(WAIT);
            Map<String, Integer> d = outcomes(dribblers, patience);
            Map<String, Integer> b = outcomes(blanks, patience);
            Map<String, Integer> s = outcomes(silent, patience);
            figures.put("slowBytes.dribblers", d);
            figures.put("slowBytes.blanks", b);
            figures.put("slowBytes.silent", s);
            check(d.getOrDefault(MESSAGE_TIMEOUT, 0) == n, "slowBytes: dribblers " + d);
            check(b.getOrDefault(LOGIN_TIMEOUT, 0) == n, "slowBytes: blanks " + b);
            check(s.getOrDefault(LOGIN_TIMEOUT, 0) == n, "slowBytes: silent " + s);
        } finally {
            dribble.shutdownNow();
            dribblers.forEach(RawClient::close);
            blanks.forEach(RawClient::close);
            silent.forEach(RawClient::close);
        }
    }

    /** Issue 9 (5): connections up to the limit and beyond: those beyond get a clear refusal. */
    private void connectionsUpToTheLimit() throws Exception {
        int n = MAX_CONNECTIONS + 60;
        List<RawClient> all = openAll(n, null, 0);
        try {
            Map<String, Integer> outcome = outcomes(all, Duration.ofSeconds(3));
            int refused = outcome.getOrDefault(TOO_MANY_CONNECTIONS, 0);
            int held = n - refused;
            figures.put("limit.maxConnections", MAX_CONNECTIONS);
            figures.put("limit.opened", n);
            figures.put("limit.held", held);
            figures.put("limit.refused", refused);
            figures.put("limit.outcome", outcome);
            // The canary's two connections count too.
            check(held <= MAX_CONNECTIONS - 2, "limit: held " + held + " of " + n);
            check(refused >= 60, "limit: only " + refused + " refused");
        } finally {
            all.forEach(RawClient::close);
        }
    }

    /** Issue 9 (3): a relay steal and a relay inject from 127.0.0.2, and a user hoarding transfers. */
    private void relayStealAndInject() throws Exception {
        InetAddress attacker = OutsiderAddress.find().orElse(null);
        String tag = Long.toString(System.nanoTime(), 36);
        String from = "relayFrom_" + tag, to = "relayTo_" + tag;
        ChatClient s = online(from);
        ChatClient r = online(to);
        try {
            long length = 1_000_000;
            if (attacker == null) {
                figures.put("relay", "skipped: " + OutsiderAddress.LOOPBACK_OUTSIDER + " not bindable");
            } else {
                InetSocketAddress relay = offer(s, from, r, to, length);
                try (RawClient thief = RawClient.connect(relay, attacker, 0);
                     RelayParty receiver = RelayParty.connect(relay); RelayParty sender = RelayParty.connect(relay)) {
                    boolean thiefRefused = thief.closedWithin(WAIT);
                    var got = receiver.receive();
                    Outcome sent = sender.send(1, length, 0).get(60, TimeUnit.SECONDS);
                    Outcome received = got.get(60, TimeUnit.SECONDS);
                    figures.put("relay.steal", thiefRefused && received.sha256().equals(sent.sha256())
                            ? "refused, receiver got all " + received.bytes() + " bytes" : "STOLEN");
                    check(thiefRefused, "relay: the thief was admitted");
                    check(received.bytes() == length && received.sha256().equals(sent.sha256()), "relay: steal broke the transfer");
                }
                relay = offer(s, from, r, to, length);
                try (RelayParty receiver = RelayParty.connect(relay);
                     RawClient injector = RawClient.connect(relay, attacker, 0)) {
                    try {
                        injector.write(new byte[64 * 1024]);
                    } catch (IOException refused) {
                        // closed before it could write: as it should be
                    }
                    var got = receiver.receive();
                    try (RelayParty sender = RelayParty.connect(relay)) {
                        Outcome sent = sender.send(2, length, 0).get(60, TimeUnit.SECONDS);
                        Outcome received = got.get(60, TimeUnit.SECONDS);
                        boolean clean = received.bytes() == length && received.sha256().equals(sent.sha256());
                        figures.put("relay.inject", clean ? "refused, receiver got exactly the sender's bytes" : "INJECTED");
                        check(clean, "relay: the receiver got injected bytes");
                    }
                }
            }
            // LIMIT-6: two open transfers per user here; the third is busy.
            List<String> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                s.send(Messages.sendFile(from, to, 10, "hoard" + i));
                Message m = s.expect(x -> SEND_FILE_PORT_REPLY.equals(x.cmd()) || SEND_FILE_REPLY.equals(x.cmd()),
                        "a send_file answer", WAIT);
                results.add(m.cmd().equals(SEND_FILE_PORT_REPLY) ? "port" : m.result());
            }
            figures.put("relay.transfersPerUser", results);
            check(results.equals(List.of("port", "port", BUSY)), "relay: transfers per user " + results);
        } finally {
            s.close();
            r.close();
        }
    }

    /** Issue 9 (4): a register storm with names of the maximum length; longer ones are refused and not stored. */
    private void registerStormWithLongestNames() throws Exception {
        int connections = 4;
        int perConnection = 500;
        int tooLong = 25;
        String tag = Long.toString(System.nanoTime(), 36);
        List<Future<int[]>> done = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            done.add(pool.submit(() -> {
                String self = "storm" + id + "_" + tag;
                ChatClient client = online(self);
                try {
                    for (int i = 0; i < perConnection; i++) {
                        client.send(Messages.register(longestName(), "pw"));
                    }
                    for (int i = 0; i < tooLong; i++) {
                        client.send(Messages.register(longestName() + "x", "pw"));
                    }
                    int ok = 0, bad = 0;
                    for (int i = 0; i < perConnection + tooLong; i++) {
                        String result = client.expectCmd(REGISTER_REPLY, WAIT).result();
                        if (SUCCESS.equals(result)) {
                            ok++;
                        } else if (BAD_REQUEST.equals(result)) {
                            bad++;
                        }
                    }
                    return new int[]{ok, bad};
                } finally {
                    client.close();
                }
            }));
        }
        int ok = 0, bad = 0;
        for (Future<int[]> f : done) {
            int[] r = f.get(120, TimeUnit.SECONDS);
            ok += r[0];
            bad += r[1];
        }
        figures.put("registerStorm.registered", ok);
        figures.put("registerStorm.tooLongRefused", bad);
        check(ok == connections * perConnection, "registerStorm: only " + ok + " registered");
        check(bad == connections * tooLong, "registerStorm: only " + bad + " too-long names refused");
    }

    /**
     * One logged-in client creates groups with maximum-length names as fast as it can (without the store budget this
     * fills a 128 MiB heap in about 25 s): the default budget answers busy long before the heap is in danger, and the
     * store keeps serving what it holds.
     */
    private void groupStormUntilTheStoreIsFull() throws Exception {
        String self = "hoard_" + Long.toString(System.nanoTime(), 36);
        ChatClient client = online(self);
        try {
            int window = 500;
            int created = 0, busy = 0;
            String kept = null;
            for (int round = 0; round < 1000 && busy == 0; round++) {
                List<String> names = new ArrayList<>(window);
                for (int i = 0; i < window; i++) {
                    names.add(longestName());
                    client.send(Messages.createGroup(self, names.get(i)));
                }
                for (int i = 0; i < window; i++) {
                    String result = client.expectCmd(CREATE_GROUP_REPLY, WAIT).result();
                    if (SUCCESS.equals(result)) {
                        created++;
                        kept = names.get(i);
                    } else if (BUSY.equals(result)) {
                        busy++;
                    }
                }
            }
            figures.put("groupStorm.created", created);
            figures.put("groupStorm.busy", busy);
            check(busy > 0, "groupStorm: " + created + " groups created and never busy");
            check(created > 1000, "groupStorm: the store was full after only " + created + " groups");
            // what is stored is still served, and a full store refuses a new account with busy
            client.send(Messages.getGroupMember(kept));
            check(self.equals(client.expectCmd(GET_GROUP_MEMBER_REPLY, WAIT).get("member").asText()),
                    "groupStorm: a stored group lost its member");
            // (a group takes two records, so one may still be free for an account)
            String late = null;
            for (int i = 0; i < 2 && !BUSY.equals(late); i++) {
                client.send(Messages.register("late" + i + "_" + Long.toString(System.nanoTime(), 36), "pw"));
                late = client.expectCmd(REGISTER_REPLY, WAIT).result();
            }
            check(BUSY.equals(late), "groupStorm: a register into the full store got " + late);
        } finally {
            client.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** 64 random CJK characters: the longest name allowed, and three UTF-8 bytes per character. */
    private static String longestName() {
        StringBuilder sb = new StringBuilder(MAX_NAME);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < MAX_NAME; i++) {
            sb.append((char) (0x4E00 + r.nextInt(0x5000)));
        }
        return sb.toString();
    }

    private ChatClient online(String user) {
        ChatClient c = ChatClient.connect(user, target.address());
        c.send(Messages.register(user, "pw"));
        c.expectCmd(REGISTER_REPLY, WAIT);
        c.send(Messages.login(user, "pw"));
        assertEquals(c.expectCmd(LOGIN_REPLY, WAIT).result(), SUCCESS);
        return c;
    }

    private InetSocketAddress offer(ChatClient s, String from, ChatClient r, String to, long length) {
        s.send(Messages.sendFile(from, to, length, "f.bin"));
        int port = s.expectCmd(SEND_FILE_PORT_REPLY, WAIT).get("port").intValue();
        r.expectCmd(RECV_FILE_PORT_REPLY, WAIT);
        return new InetSocketAddress(target.address().getAddress(), port);
    }

    private List<RawClient> openAll(int n, InetAddress from, int receiveBuffer) throws Exception {
        List<Future<RawClient>> opening = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            opening.add(pool.submit(() -> RawClient.connect(target.address(), from, receiveBuffer)));
        }
        List<RawClient> out = new ArrayList<>(n);
        for (Future<RawClient> f : opening) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private <T> void forAll(List<RawClient> clients, IoAction<T> action) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (RawClient c : clients) {
            futures.add(pool.submit((Callable<T>) () -> {
                try {
                    return action.apply(c);
                } catch (IOException closed) {
                    return null;
                }
            }));
        }
        for (Future<T> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    private interface IoAction<T> {
        T apply(RawClient c) throws IOException;
    }

    /**
     * How each connection ended within {@code patience}: the {@code result} of the error message it got before the
     * close, "closed" for a close without one, "open" when it was still open.
     */
    private Map<String, Integer> outcomes(List<RawClient> clients, Duration patience) throws Exception {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + patience.toNanos();
        forAll(clients, c -> {
            String outcome;
            try {
                String line = c.readLine(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                if (line == null) {
                    outcome = "closed";
                } else {
                    Message m = Message.parse(line);
                    outcome = ERROR.equals(m.cmd()) ? m.result() : "answered " + m.cmd();
                    if (!c.closedWithin(Duration.ofSeconds(5))) {
                        outcome += " but open";
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                outcome = "open";
            }
            counts.merge(outcome, 1, Integer::sum);
            return null;
        });
        return new java.util.TreeMap<>(counts);
    }

    /** The server's own figures: its last {@code limits:} line (written as it stopped). */
    private void serverFigures(String log) {
        Matcher m = LIMITS_LINE.matcher(log);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            problems.add("the server logged no limits: line");
            return;
        }
        for (String kv : last.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                figures.put("server." + kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        long closingLines = log.lines().filter(l -> l.contains("closing ")).count();
        figures.put("server.closingLogLines", closingLines);
        figures.put("server.relayRefusedLogLines", log.lines().filter(l -> l.contains("refused relay connection")).count());
    }

    private void writeFigures() throws IOException {
        Files.createDirectories(dir);
        String text = figures.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve("figures.txt"), text, StandardCharsets.UTF_8);
        System.out.println("Abuse test figures (" + dir.resolve("figures.txt") + "):\n" + text);
    }
}
