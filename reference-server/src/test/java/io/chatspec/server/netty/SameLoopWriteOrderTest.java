package io.chatspec.server.netty;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.server.domain.ChatDomain;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.store.InMemoryChatStore;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.chatspec.protocol.Commands.LOGIN_REPLY;
import static io.chatspec.protocol.Commands.PRIVATE_CHAT;
import static io.chatspec.protocol.Commands.REGISTER_REPLY;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertNotNull;

/**
 * The gateway writes at once when the recipient's channel belongs to the current event loop, and hands the write to
 * the recipient's loop otherwise (PRIV-1: one recipient gets messages in the order the server decided them).
 *
 * <p>The server's pipeline runs on in-memory channels over two FIFO event loops, so the test decides exactly when
 * each command is handled: one sender shares the recipient's loop A, the other is on loop B. In a "free" round both
 * senders' chats are decided one after the other (the same-loop one is written directly). In a "blocked" round loop A
 * is held while the same-loop sender's chat waits to be read on it and the other sender's chats are decided on B and
 * handed to A; once A runs again, the same-loop chat is decided last, so it must be delivered last even though it is
 * decided on the recipient's own loop: a direct write there would overtake the hand-offs still queued.
 */
public class SameLoopWriteOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicLong ADDRESSES = new AtomicLong();

    private DefaultEventLoopGroup acceptor;
    private DefaultEventLoopGroup serverLoops;
    private DefaultEventLoopGroup clientLoop;
    private DomainGateway gateway;
    private LocalAddress address;
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();

    @BeforeMethod
    public void start() throws InterruptedException {
        acceptor = new DefaultEventLoopGroup(1);
        serverLoops = new DefaultEventLoopGroup(2);
        clientLoop = new DefaultEventLoopGroup(1);
        // Password work inline, on the connection's loop, so every command is decided on a known loop.
        gateway = new DomainGateway(new ChatDomain(new InMemoryChatStore()), new PasswordHasher(8, 1),
                ImmediateEventExecutor.INSTANCE);
        AtomicLong sessions = new AtomicLong();
        ChatPipeline chat = new ChatPipeline(65536, () -> new SessionId(sessions.incrementAndGet()), gateway);
        address = new LocalAddress("same-loop-order-" + ADDRESSES.incrementAndGet());
        new ServerBootstrap().group(acceptor, serverLoops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(chat);
                    }
                })
                .bind(address).sync();
    }

    @AfterMethod(alwaysRun = true)
    public void stop() {
        clientLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        serverLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Test(description = "PRIV-1 same-loop writes go out without a hand-off and never overtake earlier hand-offs")
    public void sameLoopAndCrossLoopSendersInterleaved() throws Exception {
        Peer recipient = online("r");
        EventLoop recipientLoop = recipient.serverSide.eventLoop();
        Peer sameLoop = null;
        Peer otherLoop = null;
        for (int i = 0; sameLoop == null || otherLoop == null; i++) {
            Peer p = online("s" + i);
            if (p.serverSide.eventLoop() == recipientLoop) {
                sameLoop = sameLoop == null ? p : sameLoop;
            } else {
                otherLoop = otherLoop == null ? p : otherLoop;
            }
        }
        assertNotEquals(otherLoop.serverSide.eventLoop(), recipientLoop);

        List<String> decided = new ArrayList<>();
        List<Long> directPerRound = new ArrayList<>();
        List<Long> expectedDirect = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            long directBefore = gateway.directWrites();
            if (round % 2 == 0) {
                // Free round: each chat is decided before the next one is sent.
                decide(sameLoop, chat(sameLoop, recipient, round, 0), decided);
                decide(otherLoop, chat(otherLoop, recipient, round, 0), decided);
                decide(sameLoop, chat(sameLoop, recipient, round, 1), decided);
                // Same-loop chats and every reply go out directly; only the other loop's chat is handed off.
                expectedDirect.add(5L);
            } else {
                CountDownLatch release = new CountDownLatch(1);
                recipientLoop.execute(() -> awaitUninterruptibly(release));
                Message waiting = chat(sameLoop, recipient, round, 0);
                sendAndQueue(sameLoop, waiting);
                decide(otherLoop, chat(otherLoop, recipient, round, 0), decided);
                decide(otherLoop, chat(otherLoop, recipient, round, 1), decided);
                release.countDown();
                barrier(recipientLoop);
                decided.add(waiting.text("text"));
                // The replies to the senders go out directly; the same-loop chat waits behind two hand-offs.
                expectedDirect.add(3L);
            }
            directPerRound.add(gateway.directWrites() - directBefore);
        }
        await().atMost(WAIT).until(() -> recipient.inbox.size() >= decided.size());
        List<String> delivered = new ArrayList<>();
        for (Message m : recipient.inbox) {
            assertEquals(m.cmd(), PRIVATE_CHAT, "unexpected " + m);
            delivered.add(m.text("text"));
        }
        assertEquals(delivered, decided);
        assertEquals(directPerRound, expectedDirect, "writes without a hand-off, per round");
    }

    private static Message chat(Peer from, Peer to, int round, int k) {
        return Messages.privateChat(from.user, to.user, from.user + "#" + round + "." + k);
    }

    /** Sends {@code chat} and returns once the server has decided it (its connection's loop has handled it). */
    private void decide(Peer from, Message chat, List<String> decided) throws InterruptedException {
        sendAndQueue(from, chat);
        barrier(from.serverSide.eventLoop());
        decided.add(chat.text("text"));
    }

    /** Returns once the bytes are queued for reading on the server side's loop (not yet read). */
    private void sendAndQueue(Peer from, Message m) throws InterruptedException {
        from.client.writeAndFlush(Unpooled.copiedBuffer(m.toJson() + "\n", StandardCharsets.UTF_8)).sync();
        // The local channel hands the bytes to the peer's loop after completing the write: wait for that too.
        barrier(clientLoop.next());
    }

    /** Returns once everything queued on {@code loop} before now has run (the loops are FIFO). */
    private static void barrier(EventLoop loop) throws InterruptedException {
        loop.submit(() -> { }).sync();
    }

    private Peer online(String user) throws InterruptedException {
        Peer p = new Peer(user);
        p.client = new Bootstrap().group(clientLoop).channel(LocalChannel.class).handler(p).connect(address).sync()
                .channel();
        p.serverSide = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(p.serverSide, "accepted " + user);
        p.client.writeAndFlush(Unpooled.copiedBuffer(Messages.register(user, "pw").toJson() + "\n"
                + Messages.login(user, "pw").toJson() + "\n", StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> p.inbox.size() >= 2);
        assertEquals(p.inbox.get(0).cmd(), REGISTER_REPLY);
        assertEquals(p.inbox.get(1).cmd(), LOGIN_REPLY);
        assertEquals(p.inbox.get(1).result(), "success");
        p.inbox.clear();
        return p;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("test never released the loop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A client end: collects the server's messages, one per line. */
    private static final class Peer extends SimpleChannelInboundHandler<ByteBuf> {
        final String user;
        final List<Message> inbox = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        Channel client;
        Channel serverSide;

        Peer(String user) {
            this.user = user;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
            partial.append(in.toString(StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                inbox.add(Message.parse(partial.substring(0, nl)));
                partial.delete(0, nl + 1);
            }
        }
    }
}
