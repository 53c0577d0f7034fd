package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryFields;
import io.chatspec.load.wire.PrivateChatWire;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ClientOptions;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;

/**
 * The injector's fast paths against a socket that answers as told: a pre-encoded {@code private_chat} goes out as
 * the canonical writer would write it; its success reply completes the command without a tree whether compact or
 * styled over several lines; any other reply (another result, an escape in {@code cmd} or {@code result}) takes
 * the full parse and reaches the command as a {@link Message}; a forwarded chat reaches the sink as
 * {@link DeliveryFields}.
 */
public class ChatConnectionFastPathTest {
    private static final Set<String> REPLIES = Set.of(Commands.replyOf(Commands.PRIVATE_CHAT));
    private static final byte[] OK = Commands.replyOf(Commands.PRIVATE_CHAT).getBytes(StandardCharsets.US_ASCII);

    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private NioEventLoopGroup group;
    private ServerSocket server;
    private EventLoop loop;
    private ChatConnection conn;
    private ChatClient client;
    private Socket peer;
    private BufferedReader peerIn;

    @BeforeMethod
    public void connect() throws Exception {
        outcomes.clear();
        group = new NioEventLoopGroup(1);
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        loop = group.next();
        conn = new ChatConnection(loop, new ChatConnection.DeliverySink() {
            @Override
            public void delivered(ChatConnection receiver, Message forwarded, long nowMicros) {
                outcomes.add("tree delivery " + forwarded.text("user_from"));
            }

            @Override
            public void delivered(ChatConnection receiver, DeliveryFields d, long nowMicros) {
                outcomes.add("fast delivery " + d.sender() + " #" + d.seq());
            }

            @Override
            public void notified(ChatConnection receiver, Message notification, long nowMicros) {
            }
        });
        client = ChatClient.connectAsync("t", (InetSocketAddress) server.getLocalSocketAddress(),
                ClientOptions.defaults().withEventLoop(loop, NioSocketChannel.class).withInbox(false)
                        .withTranscript(false).withListener(conn)).get(10, TimeUnit.SECONDS);
        loop.submit(() -> {
            conn.attach(client);
            FastFrameHandler.install(client.channel().pipeline(), conn);
        }).get(10, TimeUnit.SECONDS);
        peer = server.accept();
        peerIn = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterMethod(alwaysRun = true)
    public void close() throws Exception {
        client.close();
        peer.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    public void aSuccessReplyCompletesWithoutATreeInAnyLayout() throws Exception {
        PrivateChatWire wire = new PrivateChatWire("a\"lice", "bob", 48);
        send(wire, 1);
        assertEquals(peerIn.readLine(), Messages.privateChat("a\"lice", "bob",
                io.chatspec.load.delivery.DeliveryText.encode(1, 77, 48)).toJson());
        answer("{\"cmd\":\"private_chat_reply\",\"result\":\"success\"}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 1);

        send(wire, 2);
        peerIn.readLine();
        answer("{\n   \"cmd\" : \"private_chat_reply\",\n   \"result\" : \"success\"\n}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 2);
        assertEquals(outcomes, List.of("ok 1", "ok 2"));
    }

    @Test
    public void anyOtherReplyIsParsedAndHandedOverAsAMessage() throws Exception {
        PrivateChatWire wire = new PrivateChatWire("alice", "bob", 32);
        send(wire, 1);
        send(wire, 2);
        send(wire, 3);
        answer("{\"cmd\":\"private_chat_reply\",\"result\":\"offline\"}\n"
                + "{\"cmd\":\"private_chat_reply\",\"result\":\"succ\\u0065ss\"}\n"
                + "{\"cmd\":\"private_chat_reply\",\"result\":\"success\",\"note\":\"a \\\"quoted\\\" extra\"}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 3);
        assertEquals(outcomes, List.of("reply 1 offline", "reply 2 success", "ok 3"));
    }

    @Test
    public void aForwardedChatReachesTheSinkAsFields() throws Exception {
        answer("{\"cmd\":\"private_chat\",\"user_from\":\"carol\",\"user_to\":\"t\",\"text\":\"cs:9:5:....\"}\n"
                + "{\"cmd\":\"private_chat\",\"user_from\":\"d\\u0061ve\",\"user_to\":\"t\",\"text\":\"cs:1:5:\"}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 2);
        assertEquals(outcomes, List.of("fast delivery carol #9", "tree delivery dave"));
    }

    private void send(PrivateChatWire wire, int n) throws Exception {
        loop.submit(() -> {
            int length = wire.encode(n, 77);
            conn.requestWire(wire.buffer(), length, OK, REPLIES, Duration.ofSeconds(30), () -> outcomes.add("ok " + n),
                    m -> outcomes.add("reply " + n + " " + m.result()), why -> outcomes.add("failed " + n + " " + why));
        }).get(10, TimeUnit.SECONDS);
    }

    private void answer(String text) throws Exception {
        OutputStream out = peer.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
