package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.files.OutsiderAddress;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.ServerLimits;
import io.chatspec.server.limits.GuardSnapshot;
import io.chatspec.server.limits.ShedReason;
import io.chatspec.server.relay.RelayParty;
import io.chatspec.server.relay.RelayParty.Outcome;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

/** The connection limits of LIMIT-1 to LIMIT-4 and the relay binding of LIMIT-7, on real sockets. */
public class LimitsSocketTest extends SocketTestBase {
    private static final int MAX_CONNECTIONS = 16;
    private static final Duration MESSAGE_DEADLINE = Duration.ofSeconds(1);
    private static final Duration LOGIN_DEADLINE = Duration.ofSeconds(2);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(2);
    /** Deadline plus the guard's check interval plus a busy machine. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    @Override
    protected ServerConfig config() {
        return ServerConfig.ephemeral().withTransferTimeout(Duration.ofSeconds(3)).withLimits(ServerLimits.defaults()
                .withMaxConnections(MAX_CONNECTIONS).withMessageDeadline(MESSAGE_DEADLINE)
                .withLoginDeadline(LOGIN_DEADLINE).withReadDeadline(READ_DEADLINE).withMaxBuffered(4 * 1024 * 1024));
    }

    @Test(description = "LIMIT-1 beyond --max-connections a new connection gets too_many_connections and is closed")
    public void connectionLimit() throws IOException {
        List<RawClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                held.add(RawClient.connect(server.address()));
            }
            awaitConnections(MAX_CONNECTIONS);
            try (RawClient refused = RawClient.connect(server.address())) {
                assertEquals(refused.read(WAIT), Message.of(ERROR, "result", TOO_MANY_CONNECTIONS));
                assertTrue(refused.closedWithin(WAIT));
            }
            // The held ones are unaffected, and a freed place is taken again.
            held.get(0).send(Messages.register(unique("held"), "pw"));
            assertEquals(held.get(0).read(WAIT).result(), SUCCESS);
            held.remove(0).close();
            await().atMost(WAIT).until(() -> server.limitsSnapshot().connections() < MAX_CONNECTIONS);
            try (RawClient again = RawClient.connect(server.address())) {
                again.send(Messages.register(unique("again"), "pw"));
                assertEquals(again.read(WAIT).result(), SUCCESS);
            }
            assertTrue(server.limitsSnapshot().shed().get(ShedReason.TOO_MANY_CONNECTIONS) >= 1);
        } finally {
            held.forEach(RawClient::close);
        }
    }

    @Test(description = "LIMIT-2 a message unfinished past the deadline gets message_timeout and a close; others go on")
    public void unfinishedMessageDeadline() throws IOException {
        ChatClient bystander = online(unique("bystander"));
        try (RawClient slow = RawClient.connect(server.address())) {
            slow.write("{\"cmd\":\"register\",\"user\":\"half");
            long start = System.nanoTime();
            assertEquals(slow.read(SLACK), Message.of(ERROR, "result", MESSAGE_TIMEOUT));
            assertTrue(System.nanoTime() - start >= MESSAGE_DEADLINE.toNanos() - TimeUnit.MILLISECONDS.toNanos(50),
                    "closed before its deadline");
            assertTrue(slow.closedWithin(WAIT));
        }
        assertEquals(call(bystander, Messages.getGroupMember("g")).result(), GROUP_NOT_EXIST);
    }

    @Test(description = "LIMIT-2 a message that dribbles in byte by byte but ends within the deadline is processed")
    public void slowButFinishedMessage() throws IOException {
        try (RawClient slow = RawClient.connect(server.address())) {
            byte[] m = (Messages.register(unique("slow"), "pw").toJson() + "\n").getBytes();
            long perByte = MESSAGE_DEADLINE.toNanos() / 4 / m.length;
            for (byte b : m) {
                slow.write(new byte[]{b});
                long until = System.nanoTime() + perByte;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            assertEquals(slow.read(WAIT), Message.of(REGISTER_REPLY, "result", SUCCESS));
        }
    }

    @Test(description = "LIMIT-3 a connection without a login past the deadline gets login_timeout; a logged-in one stays")
    public void loginDeadline() throws IOException {
        String user = unique("stays");
        ChatClient loggedIn = online(user);
        try (RawClient idle = RawClient.connect(server.address())) {
            // A connection that registers but never logs in is still "without a login".
            idle.send(Messages.register(unique("never"), "pw"));
            assertEquals(idle.read(WAIT).result(), SUCCESS);
            assertEquals(idle.read(SLACK), Message.of(ERROR, "result", LOGIN_TIMEOUT));
            assertTrue(idle.closedWithin(WAIT));
        }
        assertTrue(loggedIn.isOpen());
        assertEquals(call(loggedIn, Messages.getGroupMember("g")).result(), GROUP_NOT_EXIST);
        // After offline it has no user again, and the deadline applies again.
        long offlineAt = System.nanoTime();
        loggedIn.send(Messages.offline(user));
        assertEquals(loggedIn.expectCmd(ERROR, SLACK).result(), LOGIN_TIMEOUT);
        assertTrue(System.nanoTime() - offlineAt >= LOGIN_DEADLINE.toNanos(), "closed before the deadline after offline");
        assertTrue(loggedIn.awaitClosed(WAIT));
    }

    @Test(description = "LIMIT-4 a receiver that never reads is closed; its sender keeps chatting and sees it offline")
    public void receiverThatNeverReads() throws Exception {
        String sink = unique("sink");
        register(sink);
        String flooder = unique("flooder");
        ChatClient sender = online(flooder);
        try (RawClient receiver = RawClient.connect(server.address(), null, 4096)) {
            receiver.send(Messages.login(sink, "pw"));
            assertEquals(receiver.read(WAIT).result(), SUCCESS);
            String text = "x".repeat(4000);
            AtomicBoolean offline = new AtomicBoolean();
            long deadline = System.nanoTime() + SLACK.multipliedBy(3).toNanos();
            // Pipelined in batches; the replies are read, so only the receiver is the one not reading.
            while (!offline.get() && System.nanoTime() < deadline) {
                for (int i = 0; i < 200; i++) {
                    sender.send(Messages.privateChat(flooder, sink, text));
                }
                for (int i = 0; i < 200; i++) {
                    if (io.chatspec.protocol.Results.OFFLINE.equals(sender.expectCmd(PRIVATE_CHAT_REPLY, WAIT).result())) {
                        offline.set(true);
                    }
                }
            }
            assertTrue(offline.get(), "the receiver that never reads was never dropped");
            assertTrue(server.limitsSnapshot().shed().get(ShedReason.NOT_READING) >= 1);
        }
        assertTrue(sender.isOpen());
        assertEquals(call(sender, Messages.getGroupMember("g")).result(), GROUP_NOT_EXIST);
    }

    @Test(description = "LIMIT-4 past the memory budget the biggest hoarders are shed with overloaded; a chatting pair loses nothing")
    public void budgetShedsHoarders() throws Exception {
        long budget = 256 * 1024;
        ServerConfig cfg = ServerConfig.ephemeral().withLimits(ServerLimits.defaults().withMaxBuffered(budget)
                .withMessageDeadline(Duration.ofSeconds(60)).withLoginDeadline(Duration.ofSeconds(60)));
        try (ReferenceServer s = ReferenceServer.start(cfg)) {
            ChatClient a = ChatClient.connect("canary-a", s.address());
            ChatClient b = ChatClient.connect("canary-b", s.address());
            String ua = unique("canaryA"), ub = unique("canaryB");
            for (var p : List.of(new Object[]{a, ua}, new Object[]{b, ub})) {
                ChatClient c = (ChatClient) p[0];
                c.send(Messages.register((String) p[1], "pw"));
                c.expectCmd(REGISTER_REPLY, WAIT);
                c.send(Messages.login((String) p[1], "pw"));
                assertEquals(c.expectCmd(LOGIN_REPLY, WAIT).result(), SUCCESS);
            }
            List<RawClient> hoarders = new ArrayList<>();
            try {
                String half = "{\"cmd\":\"register\",\"user\":\"" + "a".repeat(60_000);
                for (int i = 0; i < 12; i++) {
                    RawClient h = RawClient.connect(s.address());
                    hoarders.add(h);
                    h.write(half);
                    chat(a, ua, b, ub, "during " + i);
                }
                await().atMost(SLACK).until(() -> s.limitsSnapshot().shed().get(ShedReason.OVER_BUDGET) >= 1);
                int overloaded = 0;
                for (RawClient h : hoarders) {
                    if (h.closedWithin(Duration.ofMillis(200))) {
                        overloaded++;
                    }
                }
                assertTrue(overloaded >= 1, "no hoarder was closed");
                for (int i = 0; i < 20; i++) {
                    chat(a, ua, b, ub, "after " + i);
                }
                GuardSnapshot snap = s.limitsSnapshot();
                assertTrue(snap.buffered() < budget, "still over budget: " + snap);
                assertTrue(snap.shedBytes().get(ShedReason.OVER_BUDGET) >= 60_000, snap.toString());
            } finally {
                hoarders.forEach(RawClient::close);
                a.close();
                b.close();
            }
        }
    }

    private static void chat(ChatClient a, String ua, ChatClient b, String ub, String text) {
        a.send(Messages.privateChat(ua, ub, text));
        assertEquals(a.expectCmd(PRIVATE_CHAT_REPLY, WAIT).result(), SUCCESS);
        assertEquals(b.expectCmd(PRIVATE_CHAT, WAIT).text("text"), text);
    }

    /** A second loopback address for the attacker, or a skip where the OS has none (macOS has only 127.0.0.1). */
    static InetAddress otherLoopback() {
        try {
            return OutsiderAddress.probe();
        } catch (IOException e) {
            throw new SkipException("cannot bind " + OutsiderAddress.LOOPBACK_OUTSIDER + " here: " + e);
        }
    }

    private InetSocketAddress offer(ChatClient sender, String from, ChatClient receiver, String to, long length) {
        sender.send(Messages.sendFile(from, to, length, "f.bin"));
        int port = sender.expectCmd(SEND_FILE_PORT_REPLY, WAIT).get("port").intValue();
        assertEquals(receiver.expectCmd(RECV_FILE_PORT_REPLY, WAIT).get("port").intValue(), port);
        return new InetSocketAddress(server.address().getAddress(), port);
    }

    @Test(description = "LIMIT-7 FILE-7 a relay connection from another address is refused: it can neither steal nor inject")
    public void relayBoundToPartyAddresses() throws Exception {
        InetAddress attackerAddress = otherLoopback();
        String from = unique("from"), to = unique("to");
        ChatClient sender = online(from);
        ChatClient receiver = online(to);
        long length = 100_000;

        // Steal: the attacker is first and would be taken for the receiver.
        InetSocketAddress relay = offer(sender, from, receiver, to, length);
        try (RawClient thief = RawClient.connect(relay, attackerAddress, 0);
             RelayParty r = RelayParty.connect(relay); RelayParty s = RelayParty.connect(relay)) {
            assertTrue(thief.closedWithin(WAIT), "the thief's relay connection was kept open");
            var got = r.receive();
            Outcome sent = s.send(7, length, 0).get(60, TimeUnit.SECONDS);
            Outcome received = got.get(60, TimeUnit.SECONDS);
            assertEquals(received.bytes(), length);
            assertEquals(received.sha256(), sent.sha256());
        }

        // Inject: the attacker comes after the receiver and writes first, so it would be taken for the sender.
        relay = offer(sender, from, receiver, to, length);
        try (RelayParty r = RelayParty.connect(relay);
             RawClient injector = RawClient.connect(relay, attackerAddress, 0)) {
            try {
                injector.write(new byte[4096]);
            } catch (IOException refused) {
                // already closed by the server: the injection failed, as it should
            }
            var got = r.receive();
            try (RelayParty s = RelayParty.connect(relay)) {
                Outcome sent = s.send(8, length, 0).get(60, TimeUnit.SECONDS);
                Outcome received = got.get(60, TimeUnit.SECONDS);
                assertEquals(received.bytes(), length);
                assertEquals(received.sha256(), sent.sha256(), "the receiver got someone else's bytes");
            }
            assertTrue(injector.closedWithin(WAIT));
        }
    }

    @Test(description = "LIMIT-7 at most one relay connection per party: a third from a party's own address is refused")
    public void onePerParty() throws Exception {
        String from = unique("from"), to = unique("to");
        ChatClient sender = online(from);
        ChatClient receiver = online(to);
        InetSocketAddress relay = offer(sender, from, receiver, to, 10);
        try (RelayParty r = RelayParty.connect(relay); RawClient other = RawClient.connect(relay)) {
            // Both parties' slots are on 127.0.0.1 and these two fill them, so a third is turned away.
            var got = r.receive();
            try (RelayParty late = RelayParty.connect(relay)) {
                assertTrue(late.drainToEof(), "a third connection was admitted");
            } catch (RuntimeException refusedOutright) {
                // connection refused: the listener is already closed, which is just as good
            }
            other.write(new byte[10]);
            assertEquals(got.get(60, TimeUnit.SECONDS).bytes(), 10);
        }
    }
}
