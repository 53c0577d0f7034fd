package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.password.PasswordHashing;
import io.chatspec.server.store.ChatStore;
import io.chatspec.server.store.InMemoryChatStore;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.chatspec.protocol.Commands.LOGIN_REPLY;
import static io.chatspec.protocol.Commands.REGISTER_REPLY;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;

/**
 * One in-process server per test class on a free port, real sockets, unique user names per test so tests
 * never see each other's traffic.
 */
public abstract class SocketTestBase {
    protected static final Duration WAIT = Duration.ofSeconds(5);
    /** How long "receives nothing" is watched. Short: the server answers in well under a millisecond locally. */
    protected static final Duration QUIET = Duration.ofMillis(250);
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected ReferenceServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    protected ServerConfig config() {
        return ServerConfig.ephemeral();
    }

    /** The embedded default: light Argon2id, so tests are judged on the protocol and not on hash cost. */
    /** The store the server starts on; tests of store failures wrap it. */
    protected ChatStore store() {
        return new InMemoryChatStore();
    }

    protected PasswordHashing hasher() {
        return PasswordHasher.light();
    }

    @BeforeClass
    public void startServer() {
        // The server reacts in microseconds; Awaitility's default 100 ms poll would dominate the suite's time.
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
        server = ReferenceServer.start(config(), store(), hasher());
    }

    @AfterClass(alwaysRun = true)
    public void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterMethod(alwaysRun = true)
    public void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
        // Each test starts with no connections, so counting them is a precise way to wait for a close.
        awaitConnections(0);
    }

    protected void awaitConnections(int n) {
        await().atMost(WAIT).until(() -> server.inspect(d -> d.connectedSessions()) == n);
    }

    protected int connections() {
        return server.inspect(d -> d.connectedSessions());
    }

    /** None of the clients receives anything during one shared quiet window. */
    protected static void assertQuiet(ChatClient... quiet) {
        quiet[0].expectNothing(QUIET);
        for (int i = 1; i < quiet.length; i++) {
            quiet[i].expectNothing(Duration.ZERO);
        }
    }

    /** A name no other test uses, readable in failure output. */
    protected static String unique(String base) {
        return base + NAMES.incrementAndGet() + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }

    protected ChatClient connect(String label) {
        ChatClient c = ChatClient.connect(label, server.address());
        clients.add(c);
        return c;
    }

    protected void register(String user) {
        ChatClient c = connect("reg-" + user);
        c.send(Messages.register(user, "pw"));
        assertEquals(c.expectCmd(REGISTER_REPLY, WAIT).result(), "success");
    }

    /** Registers {@code user} and logs it in on a new connection. */
    protected ChatClient online(String user) {
        ChatClient c = connect(user);
        c.send(Messages.register(user, "pw"));
        assertEquals(c.expectCmd(REGISTER_REPLY, WAIT).result(), "success");
        login(c, user);
        return c;
    }

    protected static void login(ChatClient c, String user) {
        c.send(Messages.login(user, "pw"));
        assertEquals(c.expectCmd(LOGIN_REPLY, WAIT).result(), "success");
    }

    /** Sends and returns the reply ({@code <cmd>_reply}). */
    /** The next {@code n} replies on {@code c}, as "cmd:result", in the order they came. */
    protected static List<String> replies(ChatClient c, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message m = c.expect(x -> x.cmd() != null && x.cmd().endsWith("_reply"), WAIT);
            out.add(m.cmd() + ":" + m.result());
        }
        return out;
    }

    protected static Message call(ChatClient c, Message command) {
        c.send(command);
        return c.expectCmd(command.cmd() + "_reply", WAIT);
    }

    protected static void befriend(ChatClient a, String userA, ChatClient b, String userB) {
        assertEquals(call(a, Messages.add(userA, userB)).result(), "success");
        b.expectCmd("add_friend_reply", WAIT);
    }
}
