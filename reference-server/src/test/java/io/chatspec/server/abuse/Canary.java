package io.chatspec.server.abuse;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.SUCCESS;

/**
 * Two friends chatting through the whole attack, one private chat every {@link #PERIOD}, alternating direction.
 * Each message must get {@code success} and arrive, within {@link #WAIT}; anything else counts as lost.
 */
final class Canary implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(100);
    /** Generous: the point is that nothing is lost, on a machine the attack keeps busy. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final ChatClient a;
    private final ChatClient b;
    private final String userA;
    private final String userB;
    private final Thread thread;
    private volatile boolean stop;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong maxLatencyMillis = new AtomicLong();
    final List<String> lost = new ArrayList<>();

    Canary(InetSocketAddress server, String tag) {
        userA = "canaryA_" + tag;
        userB = "canaryB_" + tag;
        a = online(server, userA);
        b = online(server, userB);
        a.send(Messages.add(userA, userB));
        a.expectCmd(ADD_REPLY, WAIT);
        b.expectCmd(ADD_FRIEND_REPLY, WAIT);
        thread = new Thread(this::run, "canary");
        thread.setDaemon(true);
    }

    private static ChatClient online(InetSocketAddress server, String user) {
        ChatClient c = ChatClient.connect(user, server);
        c.send(Messages.register(user, "pw"));
        c.expectCmd(REGISTER_REPLY, WAIT);
        c.send(Messages.login(user, "pw"));
        if (!SUCCESS.equals(c.expectCmd(LOGIN_REPLY, WAIT).result())) {
            throw new IllegalStateException("canary " + user + " cannot log in");
        }
        return c;
    }

    void start() {
        thread.start();
    }

    private void run() {
        long n = 0;
        while (!stop) {
            n++;
            boolean forward = n % 2 == 0;
            ChatClient from = forward ? a : b;
            ChatClient to = forward ? b : a;
            String text = "canary " + n;
            long start = System.nanoTime();
            sent.incrementAndGet();
            try {
                from.send(Messages.privateChat(forward ? userA : userB, forward ? userB : userA, text));
                Message reply = from.expectCmd(PRIVATE_CHAT_REPLY, WAIT);
                if (!SUCCESS.equals(reply.result())) {
                    lost(text + ": reply " + reply);
                    continue;
                }
                Message got = to.expect(m -> PRIVATE_CHAT.equals(m.cmd()) && text.equals(m.text("text")),
                        "the canary message '" + text + "'", WAIT);
                if (got != null) {
                    delivered.incrementAndGet();
                    maxLatencyMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                }
            } catch (RuntimeException e) {
                lost(text + ": " + e.getMessage());
                if (!a.isOpen() || !b.isOpen()) {
                    return;
                }
            }
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void lost(String what) {
        lost.add(what);
    }

    synchronized List<String> lostMessages() {
        return List.copyOf(lost);
    }

    boolean alive() {
        return a.isOpen() && b.isOpen() && thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(WAIT.toMillis() * 2);
        a.close();
        b.close();
    }
}
