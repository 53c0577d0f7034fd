package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryFields;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ClientOptions;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.testng.annotations.Test;

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
import static org.testng.Assert.assertTrue;

/**
 * Reply deadlines on the shared per-connection timer: each command fails at its own deadline, not earlier and not
 * at another's; failed commands keep their place so their late replies are swallowed, and the next reply goes to
 * the command that is still waiting. Against a socket that answers only when told to.
 */
public class ChatConnectionTimeoutTest {
    private static final ChatConnection.DeliverySink NO_SINK = new ChatConnection.DeliverySink() {
        @Override
        public void delivered(ChatConnection receiver, Message forwarded, long nowMicros) {
        }

        @Override
        public void delivered(ChatConnection receiver, DeliveryFields forwarded, long nowMicros) {
        }

        @Override
        public void notified(ChatConnection receiver, Message notification, long nowMicros) {
        }
    };

    @Test
    public void eachCommandTimesOutAtItsOwnDeadlineAndLateRepliesAreSwallowed() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            EventLoop loop = group.next();
            ChatConnection conn = new ChatConnection(loop, NO_SINK);
            ChatClient client = ChatClient.connectAsync("t", (InetSocketAddress) server.getLocalSocketAddress(),
                    ClientOptions.defaults().withEventLoop(loop, NioSocketChannel.class).withInbox(false)
                            .withTranscript(false).withListener(conn)).get(10, TimeUnit.SECONDS);
            conn.attach(client);
            try (Socket peer = server.accept()) {
                List<String> outcomes = new CopyOnWriteArrayList<>();
                long t0 = System.nanoTime();
                Set<String> replies = Set.of("login_reply");
                loop.execute(() -> conn.request(Messages.login("a", "pw"), replies, Duration.ofMillis(300),
                        m -> outcomes.add("1 reply"), why -> outcomes.add("1 " + why + " " + ms(t0))));
                loop.schedule(() -> conn.request(Messages.login("a", "pw"), replies, Duration.ofMillis(600),
                        m -> outcomes.add("2 reply"), why -> outcomes.add("2 " + why + " " + ms(t0))),
                        100, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == 2);
                assertTrue(outcomes.get(0).startsWith("1 no login_reply within PT0.3S "), outcomes.toString());
                assertTrue(outcomes.get(1).startsWith("2 no login_reply within PT0.6S "), outcomes.toString());
                assertTrue(elapsed(outcomes.get(0)) >= 300, outcomes.toString());
                assertTrue(elapsed(outcomes.get(1)) >= 700, "the second waits for its own deadline: " + outcomes);

                loop.execute(() -> conn.request(Messages.login("a", "pw"), replies, Duration.ofSeconds(30),
                        m -> outcomes.add("3 reply " + m.result()), why -> outcomes.add("3 " + why)));
                await().atMost(Duration.ofSeconds(20)).until(() -> peerSaw(peer, 3));
                OutputStream out = peer.getOutputStream();
                out.write(("{\"cmd\":\"login_reply\",\"result\":\"late1\"}\n{\"cmd\":\"login_reply\",\"result\":"
                        + "\"late2\"}\n{\"cmd\":\"login_reply\",\"result\":\"success\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == 3);
                assertEquals(outcomes.get(2), "3 reply success");
            } finally {
                client.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private final StringBuilder seen = new StringBuilder();

    /** True once the peer has read {@code n} commands (each one flat object). */
    private boolean peerSaw(Socket peer, int n) throws Exception {
        var in = peer.getInputStream();
        while (in.available() > 0) {
            seen.append((char) in.read());
        }
        return seen.chars().filter(c -> c == '}').count() >= n;
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long elapsed(String outcome) {
        return Long.parseLong(outcome.substring(outcome.lastIndexOf(' ') + 1));
    }
}
