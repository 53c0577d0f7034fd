package io.chatspec.protocol.client;

import io.chatspec.protocol.MalformedMessageException;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.netty.JsonFrameDecoder;
import io.chatspec.protocol.netty.MessageEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An asynchronous protocol client over one TCP connection: sends canonical messages, reads any framing, keeps an
 * inbox to await messages from and a transcript of everything that went over the wire.
 *
 * <p>Waiting methods ({@link #expect}, {@link #expectNothing}) are for harness threads; they never run on the
 * event loop. Reactive callers use a {@link ClientListener} instead.
 */
public final class ChatClient implements AutoCloseable {
    /** Descriptions of non-JSON input kept per connection; a target spewing garbage needs no more to be judged. */
    private static final int MAX_MALFORMED_KEPT = 100;

    private final String name;
    private final ClientOptions options;
    private final Transcript transcript;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Message> inbox = new ArrayDeque<>();
    private final List<String> malformed = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean closedByUs;

    private ChatClient(String name, ClientOptions options) {
        this.name = name;
        this.options = options;
        this.transcript = new Transcript(name);
    }

    public static ChatClient connect(String name, InetSocketAddress server) {
        return connect(name, server, ClientOptions.defaults());
    }

    /** Connects and waits for the connection; an unreachable server is an {@link UncheckedIOException}. */
    public static ChatClient connect(String name, InetSocketAddress server, ClientOptions options) {
        CompletableFuture<ChatClient> f = connectAsync(name, server, options);
        try {
            return f.get(options.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while connecting to " + server));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UncheckedIOException(cause instanceof IOException io ? io
                    : new IOException("cannot connect to " + server + ": " + cause, cause));
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new IOException("connect to " + server + " timed out"));
        }
    }

    public static CompletableFuture<ChatClient> connectAsync(String name, InetSocketAddress server,
                                                             ClientOptions options) {
        ChatClient client = new ChatClient(name, options);
        CompletableFuture<ChatClient> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(options.groupOrShared())
                .channel(options.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new JsonFrameDecoder(options.maxFrameBytes()),
                                MessageEncoder.INSTANCE, client.new Inbound());
                    }
                });
        b.connect(server).addListener((ChannelFuture cf) -> {
            if (cf.isSuccess()) {
                client.channel = cf.channel();
                client.record(() -> client.transcript.event("connected to " + server));
                result.complete(client);
            } else {
                Throwable cause = cf.cause();
                result.completeExceptionally(cause instanceof IOException ? cause
                        : new IOException("cannot connect to " + server + ": " + cause, cause));
            }
        });
        return result;
    }

    public String name() {
        return name;
    }

    public Transcript transcript() {
        return transcript;
    }

    public Channel channel() {
        return channel;
    }

    /** Writes one message (compact JSON + newline) in one write. Never blocks. */
    public void send(Message message) {
        Message wire = options.aliases().outbound(message);
        record(() -> transcript.sent(wire.toJson(), message));
        write(wire);
    }

    /** Writes bytes exactly as given: for framing and bad-input cases. */
    public void sendRaw(byte[] bytes) {
        record(() -> transcript.sent(new String(bytes, StandardCharsets.UTF_8), null));
        write(Unpooled.wrappedBuffer(bytes));
    }

    public void sendRaw(String text) {
        sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(Object payload) {
        Channel ch = channel;
        ch.writeAndFlush(payload).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                record(() -> transcript.event("write failed: " + f.cause()));
            }
        });
    }

    /** Waits for the first inbox message matching {@code p}, removes and returns it. */
    public Message expect(Predicate<Message> p, Duration timeout) {
        return expect(p, "a message matching " + p, timeout);
    }

    public Message expect(Predicate<Message> p, String description, Duration timeout) {
        requireInbox();
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Iterator<Message> it = inbox.iterator();
                while (it.hasNext()) {
                    Message m = it.next();
                    if (p.test(m)) {
                        it.remove();
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    throw new ExpectationFailedException(name, description, List.copyOf(inbox),
                            closed.isDone() && !closedByUs);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpectationFailedException(name, description + " (interrupted)", List.copyOf(inbox), false);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a message with the given {@code cmd}. */
    public Message expectCmd(String cmd, Duration timeout) {
        return expect(m -> cmd.equals(m.cmd()), "{\"cmd\":\"" + cmd + "\"}", timeout);
    }

    /** Fails if any message arrives (or is already unconsumed in the inbox) within the quiet window. */
    public void expectNothing(Duration quiet) {
        expectNone(m -> true, "nothing", quiet);
    }

    /** Fails as soon as a message matching {@code p} is in the inbox during the quiet window. */
    public void expectNone(Predicate<Message> p, String description, Duration quiet) {
        requireInbox();
        long deadline = System.nanoTime() + quiet.toNanos();
        lock.lock();
        try {
            while (true) {
                List<Message> hits = inbox.stream().filter(p).toList();
                if (!hits.isEmpty()) {
                    throw new ExpectationFailedException(name, description.equals("nothing") ? "nothing"
                            : "no " + description, hits, false);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpectationFailedException(name, "no " + description + " (interrupted before the window ended)",
                    List.copyOf(inbox), false);
        } finally {
            lock.unlock();
        }
    }

    /** The unconsumed messages, oldest first. */
    public List<Message> inbox() {
        lock.lock();
        try {
            return List.copyOf(inbox);
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns every unconsumed message. */
    public List<Message> drain() {
        lock.lock();
        try {
            List<Message> all = List.copyOf(inbox);
            inbox.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Descriptions of received bytes that were not JSON objects. */
    public List<String> malformed() {
        lock.lock();
        try {
            return List.copyOf(malformed);
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive() && !closed.isDone();
    }

    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** True if the connection was closed (by either side) within the timeout. */
    public boolean awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** True when the server, not this client, closed the connection. */
    public boolean closedByServer() {
        return closed.isDone() && !closedByUs;
    }

    /** Closes the connection abruptly (no {@code offline} is sent) and waits briefly for it to be gone. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch == null || closed.isDone()) {
            return;
        }
        closedByUs = true;
        ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private void requireInbox() {
        if (!options.keepInbox()) {
            throw new IllegalStateException("client " + name + " was created without an inbox");
        }
    }

    private void record(Runnable r) {
        if (options.keepTranscript()) {
            r.run();
        }
    }

    private void onFrame(Frame frame) {
        if (frame.kind() == Frame.Kind.INCOMPLETE && closedByUs) {
            // We hung up while the server was mid-message: our doing, not a malformed message from the server.
            record(() -> transcript.event("closed by client during a message (" + frame.bytes().length + " bytes read)"));
            return;
        }
        if (frame.kind() != Frame.Kind.OBJECT) {
            String reason = switch (frame.kind()) {
                case TOO_LARGE -> "message over " + options.maxFrameBytes() + " bytes";
                case INCOMPLETE -> "connection closed in the middle of a message";
                default -> "not a JSON object";
            };
            malformed(frame, reason);
            return;
        }
        Message m;
        try {
            m = options.aliases().inbound(Message.parse(frame.bytes()));
        } catch (MalformedMessageException e) {
            malformed(frame, e.getMessage());
            return;
        }
        record(() -> transcript.received(m.raw(), m, frame));
        if (options.keepInbox()) {
            lock.lock();
            try {
                inbox.add(m);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        options.listener().onMessage(this, m);
    }

    private void malformed(Frame frame, String reason) {
        record(() -> transcript.received(frame.text(), null, frame));
        lock.lock();
        try {
            if (malformed.size() < MAX_MALFORMED_KEPT) {
                malformed.add(reason + ": " + Transcript.bounded(frame.text()));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        options.listener().onMalformed(this, frame, reason);
    }

    private void onClosed() {
        record(() -> transcript.event(closedByUs ? "closed by client" : "closed by server"));
        lock.lock();
        try {
            closed.complete(null);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        options.listener().onClosed(this);
    }

    private final class Inbound extends SimpleChannelInboundHandler<Frame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            onFrame(frame);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            onClosed();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            record(() -> transcript.event("error: " + cause));
            ctx.close();
        }
    }
}
