package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.framing.Frame;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class ChatClientTest {
    private static final Duration WAIT = Duration.ofSeconds(3);
    private ScriptedPeer peer;
    private ChatClient client;

    @BeforeMethod
    public void connect() throws IOException {
        peer = new ScriptedPeer();
        client = ChatClient.connect("alice", peer.address());
        peer.accept();
    }

    @AfterMethod(alwaysRun = true)
    public void closeAll() throws IOException {
        client.close();
        peer.close();
    }

    @Test
    public void sendWritesCompactJsonAndOneNewline() throws IOException {
        client.send(Messages.login("小明", "11111"));
        assertEquals(peer.readLine(), "{\"cmd\":\"login\",\"user\":\"小明\",\"password\":\"11111\"}");
        List<TranscriptEntry> t = client.transcript().entries();
        assertEquals(t.get(t.size() - 1).direction(), Direction.SENT);
    }

    @Test
    public void coalescedRepliesWithoutNewlinesAreTwoMessages() throws IOException {
        peer.write("{\"cmd\":\"login_reply\",\"result\":\"success\"}{\"cmd\":\"friend_login\",\"friend\":\"b\"}");
        Message first = client.expectCmd("login_reply", WAIT);
        Message second = client.expectCmd("friend_login", WAIT);
        assertEquals(first.result(), "success");
        assertEquals(second.text("friend"), "b");
        List<TranscriptEntry> received = client.transcript().entries().stream()
                .filter(e -> e.direction() == Direction.RECEIVED).toList();
        assertEquals(received.size(), 2);
        assertTrue(received.get(0).frame().sharedRead(), "both came in one read");
        assertEquals(received.get(0).terminator(), Frame.Terminator.NONE);
    }

    @Test
    public void messageSplitAcrossWritesArrivesWhole() throws IOException {
        String json = "{\"cmd\":\"private_chat\",\"user_from\":\"a\",\"user_to\":\"b\",\"text\":\"你好\"}\n";
        for (char c : json.toCharArray()) {
            peer.write(String.valueOf(c));
        }
        Message m = client.expectCmd("private_chat", WAIT);
        assertEquals(m.text("text"), "你好");
    }

    @Test
    public void expectTimesOutWithWhatWasObserved() throws IOException {
        peer.write("{\"cmd\":\"login_reply\",\"result\":\"password_error\"}\n");
        await().atMost(WAIT).until(() -> client.inbox().size() == 1);
        ExpectationFailedException e = expectThrows(ExpectationFailedException.class,
                () -> client.expect(m -> "success".equals(m.result()), "login success", Duration.ofMillis(200)));
        assertEquals(e.observed().size(), 1);
        assertEquals(e.observed().get(0).result(), "password_error");
        assertFalse(e.connectionClosed());
    }

    @Test
    public void expectNothingPassesWhenQuietAndFailsWhenSomethingArrives() throws IOException {
        client.expectNothing(Duration.ofMillis(100));
        peer.write("{\"cmd\":\"friend_offline\",\"friend\":\"x\"}\n");
        ExpectationFailedException e = expectThrows(ExpectationFailedException.class,
                () -> client.expectNothing(Duration.ofSeconds(2)));
        assertEquals(e.observed().get(0).cmd(), "friend_offline");
    }

    @Test
    public void expectNoneIgnoresOtherMessages() throws IOException {
        peer.write("{\"cmd\":\"friend_login\",\"friend\":\"x\"}\n");
        await().atMost(WAIT).until(() -> client.inbox().size() == 1);
        client.expectNone(m -> m.isCmd("group_chat"), "group_chat", Duration.ofMillis(100));
        assertThrows(ExpectationFailedException.class,
                () -> client.expectNone(m -> m.isCmd("friend_login"), "friend_login", Duration.ofMillis(100)));
    }

    @Test
    public void serverCloseIsSeenAndFailsWaitingExpectationsAtOnce() throws IOException {
        peer.closeConnection();
        assertTrue(client.awaitClosed(WAIT));
        assertTrue(client.closedByServer());
        long start = System.nanoTime();
        ExpectationFailedException e = expectThrows(ExpectationFailedException.class,
                () -> client.expectCmd("login_reply", Duration.ofSeconds(10)));
        assertTrue(e.connectionClosed());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "did not wait for the timeout");
    }

    @Test
    public void garbageFromTheServerIsRecordedAsMalformed() throws IOException {
        peer.write("oops\n{\"cmd\":\"ok\"}\n");
        client.expectCmd("ok", WAIT);
        assertEquals(client.malformed().size(), 1);
        assertTrue(client.malformed().get(0).contains("oops"));
    }

    @Test
    public void aMessageCutOffByTheServerIsMalformed() throws IOException {
        peer.write("{\"cmd\":\"login_reply\",");
        peer.closeConnection();
        assertTrue(client.awaitClosed(WAIT));
        assertEquals(client.malformed().size(), 1);
        assertTrue(client.malformed().get(0).contains("closed in the middle"), client.malformed().get(0));
    }

    @Test
    public void aMessageWeCutOffByClosingIsNotBlamedOnTheServer() throws IOException {
        // One write, so the partial message arrives together with the complete one we wait for.
        peer.write("{\"cmd\":\"a\"}{\"cmd\":\"login_reply\",");
        client.expectCmd("a", WAIT);
        client.close();
        assertTrue(client.awaitClosed(WAIT));
        assertTrue(client.malformed().isEmpty(), client.malformed().toString());
        assertTrue(client.transcript().entries().stream().anyMatch(e -> e.text().startsWith("closed by client during")),
                client.transcript().toString());
    }

    @Test
    public void listenerSeesEveryMessage() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        ScriptedPeer other = new ScriptedPeer();
        try (other; ChatClient reactive = ChatClient.connect("bob", other.address(), ClientOptions.defaults()
                .withInbox(false).withTranscript(false).withListener(new ClientListener() {
                    @Override
                    public void onMessage(ChatClient c, Message m) {
                        seen.add(m.cmd());
                    }
                }))) {
            other.accept();
            other.write("{\"cmd\":\"a\"}{\"cmd\":\"b\"}\n");
            await().atMost(WAIT).until(() -> seen.size() == 2);
            assertEquals(seen, List.of("a", "b"));
            assertTrue(reactive.transcript().entries().isEmpty(), "transcript switched off");
            assertThrows(IllegalStateException.class, () -> reactive.expectCmd("a", WAIT));
        }
    }

    @Test
    public void unreachableServerIsAnIoError() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertThrows(UncheckedIOException.class,
                () -> ChatClient.connect("nobody", new InetSocketAddress("127.0.0.1", freePort)));
    }

    @Test
    public void mergedTranscriptsKeepTheOrderOfEvents() throws IOException {
        client.send(Messages.register("a", "b"));
        peer.readLine();
        peer.write("{\"cmd\":\"register_reply\",\"result\":\"success\"}\n");
        client.expectCmd("register_reply", WAIT);
        List<TranscriptEntry> merged = Transcript.merge(List.of(client.transcript()));
        List<Direction> dirs = merged.stream().map(TranscriptEntry::direction).toList();
        assertEquals(dirs, List.of(Direction.EVENT, Direction.SENT, Direction.RECEIVED));
    }
}
