package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.files.FileRelay;
import io.chatspec.protocol.files.TransferResult;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.relay.RelayParty.Outcome;
import io.chatspec.server.relay.RelayParty;
import io.chatspec.server.relay.TransferRelay;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static io.chatspec.protocol.Commands.*;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

/** The file relay end to end: port messages, byte-exact relaying in both connect orders, timeouts. */
public class FileRelaySocketTest extends SocketTestBase {
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMillis(1000);
    private static final long MIB = 1024 * 1024;

    private final List<RelayParty> parties = new ArrayList<>();

    @Override
    protected ServerConfig config() {
        return ServerConfig.ephemeral().withTransferTimeout(TRANSFER_TIMEOUT);
    }

    @AfterMethod(alwaysRun = true)
    public void closeParties() {
        parties.forEach(RelayParty::close);
        parties.clear();
    }

    /** A send_file between two fresh online users, with both port messages checked and the relay address. */
    private record Offer(String from, String to, ChatClient sender, ChatClient receiver, InetSocketAddress relay) {
    }

    private record OnlinePair(String from, ChatClient sender, String to, ChatClient receiver) {
    }

    private Offer offer(long length) {
        return offer(Messages.sendFile("%s", "%s", length, "f.bin"));
    }

    private Offer offer(Message template) {
        String from = unique("from"), to = unique("to");
        return offer(template, from, online(from), to, online(to));
    }

    /** The offer between two users already online: no login time between the port messages and the connects. */
    private Offer offer(Message template, String from, ChatClient a, String to, ChatClient b) {
        String filename = template.text("filename");
        // Round-trip through JSON so a long-typed length compares equal to what comes back parsed.
        Message cmd = Message.parse(template.with("from_user", from).with("to_user", to).toJson());
        a.send(cmd);
        Message portReply = a.expectCmd(SEND_FILE_PORT_REPLY, WAIT);
        Message recvReply = b.expectCmd(RECV_FILE_PORT_REPLY, WAIT);
        int port = portReply.get("port").intValue();
        assertTrue(portReply.get("port").isInt(), "port must be a JSON integer: " + portReply);
        assertTrue(port >= 1 && port <= 65535);
        assertEquals(portReply, Message.of(SEND_FILE_PORT_REPLY, "port", port, "length", cmd.get("length"),
                "filename", filename));
        assertEquals(recvReply, Message.of(RECV_FILE_PORT_REPLY, "port", port, "length", cmd.get("length"),
                "filename", filename));
        return new Offer(from, to, a, b, new InetSocketAddress(server.address().getAddress(), port));
    }

    private RelayParty party(InetSocketAddress relay) {
        RelayParty p = RelayParty.connect(relay);
        parties.add(p);
        return p;
    }

    private static Outcome done(CompletableFuture<Outcome> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test(description = "FILE-2 FILE-3 FILE-4 FILE-5 FILE-6 FILE-7 FILE-9 receiver first: 64 MiB arrive byte-exact, then both close")
    public void receiverFirst64MiB() throws Exception {
        long length = 64 * MIB;
        Offer o = offer(length);
        RelayParty receiver = party(o.relay());
        CompletableFuture<Outcome> got = receiver.receive();
        RelayParty sender = party(o.relay());
        CompletableFuture<Outcome> sent = sender.send(42, length, 0);
        Outcome r = done(got);
        Outcome s = done(sent);
        assertTrue(r.eof(), "receiver saw " + r);
        assertEquals(r.bytes(), length);
        assertEquals(r.sha256(), FileRelay.sha256OfGenerated(42, length));
        assertTrue(s.eof(), "sender connection was not closed: " + s);
        o.sender().expectNothing(QUIET);
        o.receiver().expectNothing(QUIET);
    }

    @Test(description = "FILE-8 FILE-9 sender first: it writes before the receiver is there; 64 MiB still arrive byte-exact")
    public void senderFirst64MiB() throws Exception {
        long length = 64 * MIB;
        Offer o = offer(Messages.sendFileNumericLength("%s", "%s", length, "big.bin"));
        RelayParty sender = party(o.relay());
        CompletableFuture<Outcome> sent = sender.send(7, length, 0);
        await().atMost(WAIT).until(() -> sender.progress.get() > 0);
        RelayParty receiver = party(o.relay());
        Outcome r = done(receiver.receive());
        assertTrue(r.eof(), "receiver saw " + r);
        assertEquals(r.bytes(), length);
        assertEquals(r.sha256(), FileRelay.sha256OfGenerated(7, length));
        assertTrue(done(sent).eof());
    }

    @Test(description = "FILE-11 zero bytes: once both are connected the server closes both")
    public void zeroBytes() throws Exception {
        Offer o = offer(0);
        RelayParty first = party(o.relay());
        CompletableFuture<Outcome> firstSeen = first.receive();
        RelayParty second = party(o.relay());
        Outcome a = done(firstSeen);
        Outcome b = done(second.receive());
        assertEquals(a, new Outcome(0, RelayParty.sha256(new byte[0]), true, null));
        assertEquals(b, new Outcome(0, RelayParty.sha256(new byte[0]), true, null));
        o.sender().expectNothing(QUIET);
    }

    @Test(description = "FILE-7 FILE-8 one byte, in both connect orders")
    public void oneByte() throws Exception {
        for (boolean senderFirst : new boolean[]{true, false}) {
            Offer o = offer(1);
            RelayParty sender;
            RelayParty receiver;
            CompletableFuture<Outcome> sent;
            if (senderFirst) {
                sender = party(o.relay());
                sent = sender.send(3, 1, 0);
                await().atMost(WAIT).until(() -> sender.progress.get() == 1);
                receiver = party(o.relay());
            } else {
                receiver = party(o.relay());
                sender = party(o.relay());
                sent = sender.send(3, 1, 0);
            }
            Outcome r = done(receiver.receive());
            assertEquals(r.bytes(), 1, "senderFirst=" + senderFirst);
            assertEquals(r.sha256(), FileRelay.sha256OfGenerated(3, 1));
            assertTrue(r.eof());
            assertTrue(done(sent).eof());
        }
    }

    @Test(description = "FILE-10 bytes beyond the announced length are not forwarded")
    public void excessBytesDropped() throws Exception {
        long length = 100_000;
        Offer o = offer(length);
        RelayParty receiver = party(o.relay());
        CompletableFuture<Outcome> got = receiver.receive();
        RelayParty sender = party(o.relay());
        sender.send(11, length, 5000);
        Outcome r = done(got);
        assertEquals(r.bytes(), length);
        assertEquals(r.sha256(), FileRelay.sha256OfGenerated(11, length));
    }

    @Test(description = "FILE-7 backpressure: a receiver that does not read stalls the sender; server memory stays bounded")
    public void slowReceiverBackpressure() throws Exception {
        long length = 128 * MIB;
        Offer o = offer(length);
        RelayParty receiver = party(o.relay());
        RelayParty sender = party(o.relay());
        CompletableFuture<Outcome> sent = sender.send(9, length, 0);
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = sender.progress.get();
            return now > 0 && now == last.getAndSet(now);
        });
        assertTrue(sender.progress.get() < length, "the sender was never held back");
        assertTrue(server.relayPeakBufferedBytes() <= TransferRelay.bufferBound(),
                "relay buffered " + server.relayPeakBufferedBytes() + " bytes");
        Outcome r = done(receiver.receive());
        assertEquals(r.bytes(), length);
        assertEquals(r.sha256(), FileRelay.sha256OfGenerated(9, length));
        assertTrue(done(sent).eof());
        assertTrue(server.relayPeakBufferedBytes() <= TransferRelay.bufferBound());
    }

    @Test(description = "FILE-7 a receiver that stops reading does not pin the transfer: after the stall time both "
            + "connections are dropped and the transfer is gone")
    public void receiverThatNeverReadsIsDropped() throws Exception {
        long length = 64 * MIB;
        Offer o = offer(length);
        int before = server.liveTransfers();
        try (Socket receiver = new Socket(o.relay().getAddress(), o.relay().getPort())) {
            receiver.setReceiveBufferSize(64 * 1024);
            RelayParty sender = party(o.relay());
            CompletableFuture<Outcome> sent = sender.send(11, length, 0);
            Outcome s = sent.get(TRANSFER_TIMEOUT.multipliedBy(6 * 3).toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(s.bytes() < length, "the sender could not have written everything: " + s);
            await().atMost(TRANSFER_TIMEOUT.multipliedBy(6 * 3)).until(() -> server.liveTransfers() < before);
        }
    }

    @Test(description = "FILE-12 both control connections stay usable while a transfer is in progress")
    public void controlConnectionsUsableDuringTransfer() throws Exception {
        long length = 8 * MIB;
        Offer o = offer(length);
        RelayParty sender = party(o.relay());
        CompletableFuture<Outcome> sent = sender.send(5, length, 0);
        await().atMost(WAIT).until(() -> sender.progress.get() > 0);
        assertEquals(call(o.sender(), Messages.privateChat(o.from(), o.to(), "mid-transfer")).result(), "success");
        assertEquals(o.receiver().expectCmd(PRIVATE_CHAT, WAIT).text("text"), "mid-transfer");
        assertEquals(call(o.receiver(), Messages.getGroupMember(unique("g"))).result(), "group_not_exist");
        RelayParty receiver = party(o.relay());
        Outcome r = done(receiver.receive());
        assertEquals(r.bytes(), length);
        assertTrue(done(sent).eof());
    }

    @Test(description = "FILE-16 eight transfers at once between different pairs get their own ports and their own bytes")
    public void concurrentTransfers() throws Exception {
        int n = 8;
        long length = 4 * MIB;
        // Everyone logs in first: the transfer timeout (1 s) runs from each offer, and eight rounds of logins
        // between the first offer and the connects could outlast it on a busy machine.
        List<OnlinePair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String from = unique("from"), to = unique("to");
            pairs.add(new OnlinePair(from, online(from), to, online(to)));
        }
        List<Offer> offers = new ArrayList<>();
        for (OnlinePair p : pairs) {
            offers.add(offer(Messages.sendFile("%s", "%s", length, "f.bin"), p.from(), p.sender(), p.to(), p.receiver()));
        }
        Set<Integer> ports = new HashSet<>();
        offers.forEach(o -> ports.add(o.relay().getPort()));
        assertEquals(ports.size(), n, "ports " + ports);
        List<CompletableFuture<Outcome>> received = new ArrayList<>();
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Offer o = offers.get(i);
            RelayParty a = party(o.relay());
            RelayParty b = party(o.relay());
            // alternate who speaks: the first connection is the sender for even i, the receiver for odd i
            sent.add((i % 2 == 0 ? a : b).send(100 + i, length, 0));
            received.add((i % 2 == 0 ? b : a).receive());
        }
        for (int i = 0; i < n; i++) {
            Outcome r = done(received.get(i));
            assertEquals(r.bytes(), length, "transfer " + i);
            assertEquals(r.sha256(), FileRelay.sha256OfGenerated(100 + i, length), "transfer " + i);
            assertTrue(done(sent.get(i)).eof());
        }
    }

    @Test(description = "FILE-7 FILE-8 FILE-16 many back-to-back transfers with the protocol module's FileRelay helpers, "
            + "in random connect order, all arrive whole (regression: a receiver once saw EOF one chunk short)")
    public void manyTransfersThroughTheClientHelpersArriveWhole() throws Exception {
        int rounds = 12;
        int parallel = 4;
        Random random = new Random(2026);
        ExecutorService pool = Executors.newFixedThreadPool(2 * parallel);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Offer> offers = new ArrayList<>();
                List<Long> lengths = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    long length = random.nextBoolean() ? MIB : 64 * 1024 + random.nextInt(3);
                    lengths.add(length);
                    offers.add(offer(length));
                }
                List<CompletableFuture<TransferResult>> received = new ArrayList<>();
                List<CompletableFuture<TransferResult>> sent = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    InetSocketAddress relay = offers.get(i).relay();
                    long length = lengths.get(i);
                    long seed = round * 100L + i;
                    Supplier<TransferResult> send = () -> FileRelay.sendGenerated(relay, seed, length, WAIT.multipliedBy(6));
                    Supplier<TransferResult> receive = () -> FileRelay.receive(relay, null, WAIT.multipliedBy(6));
                    if (random.nextBoolean()) {
                        sent.add(CompletableFuture.supplyAsync(send, pool));
                        received.add(CompletableFuture.supplyAsync(receive, pool));
                    } else {
                        received.add(CompletableFuture.supplyAsync(receive, pool));
                        sent.add(CompletableFuture.supplyAsync(send, pool));
                    }
                }
                for (int i = 0; i < parallel; i++) {
                    TransferResult r = received.get(i).get(60, TimeUnit.SECONDS);
                    TransferResult s = sent.get(i).get(60, TimeUnit.SECONDS);
                    String which = "round " + round + " transfer " + i + ": sent " + s + ", received " + r;
                    assertTrue(s.completed(), which);
                    assertTrue(r.completed(), which);
                    assertEquals(r.bytes(), (long) lengths.get(i), which);
                    assertEquals(r.sha256(), FileRelay.sha256OfGenerated(round * 100L + i, lengths.get(i)), which);
                }
                offers.forEach(o -> {
                    o.sender().close();
                    o.receiver().close();
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test(description = "MSG-7 a send_file pipelined with another command in one segment: replies keep command order")
    public void pipelinedSendFileRepliesInCommandOrder() {
        String from = unique("from"), to = unique("to");
        ChatClient a = online(from);
        online(to);
        a.sendRaw(Messages.sendFile(from, to, 10, "p.bin").toJson() + "\n"
                + Messages.getGroupMember(unique("nogroup")).toJson() + "\n");
        await().atMost(WAIT).until(() -> a.inbox().size() == 2);
        List<String> order = a.inbox().stream().map(Message::cmd).toList();
        assertEquals(order, List.of(SEND_FILE_PORT_REPLY, GET_GROUP_MEMBER_REPLY));
    }

    @Test(description = "FILE-13 FILE-15 a receiver that never connects: timeout to the sender, sender closed, port freed")
    public void receiverNeverConnects() throws Exception {
        Offer o = offer(1000);
        RelayParty sender = party(o.relay());
        CompletableFuture<Outcome> sent = sender.send(1, 1000, 0);
        assertEquals(o.sender().expectCmd(SEND_FILE_REPLY, WAIT), Message.of(SEND_FILE_REPLY, "result", "timeout"));
        assertTrue(done(sent).eof(), "sender's relay connection was not closed");
        o.receiver().expectNothing(QUIET);
        assertPortFreed(o.relay());
    }

    @Test(description = "FILE-14 FILE-15 a sender that never connects: timeout to the sender's control connection, receiver closed")
    public void senderNeverConnects() throws Exception {
        Offer o = offer(1000);
        RelayParty receiver = party(o.relay());
        CompletableFuture<Outcome> got = receiver.receive();
        assertEquals(o.sender().expectCmd(SEND_FILE_REPLY, WAIT), Message.of(SEND_FILE_REPLY, "result", "timeout"));
        Outcome r = done(got);
        assertEquals(r.bytes(), 0);
        assertTrue(r.eof());
        assertPortFreed(o.relay());
    }

    @Test(description = "FILE-13 FILE-15 nobody connects: one timeout notice, nothing to the receiver, port freed")
    public void nobodyConnects() {
        Offer o = offer(10);
        assertEquals(o.sender().expectCmd(SEND_FILE_REPLY, WAIT).result(), "timeout");
        o.sender().expectNothing(QUIET);
        o.receiver().expectNothing(QUIET);
        assertPortFreed(o.relay());
        await().atMost(WAIT).until(() -> server.liveTransfers() == 0);
    }

    @Test(description = "FILE-1 EDGE-14 EDGE-15 offline, unknown or self recipients get no port")
    public void noPortCases() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        register(bob);
        assertEquals(call(a, Messages.sendFile(alice, bob, 5, "f")), Message.of(SEND_FILE_REPLY, "result", "offline"));
        assertEquals(call(a, Messages.sendFile(alice, unique("ghost"), 5, "f")).result(), "offline");
        assertEquals(call(a, Messages.sendFile(alice, alice, 5, "f")).result(), "bad_request");
        a.expectNothing(QUIET);
        assertEquals(server.liveTransfers(), 0);
    }

    /** After a timeout the listener is closed (the spec also allows accept-and-close; this server refuses). */
    private static void assertPortFreed(InetSocketAddress relay) {
        await().atMost(WAIT).untilAsserted(() -> assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(relay, 1000);
            }
        }));
    }
}
