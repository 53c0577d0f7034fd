package io.chatspec.server.netty;

import io.chatspec.protocol.MalformedMessageException;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.server.domain.FrameProblem;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.limits.ConnectionMeter;
import io.chatspec.server.limits.Fatal;
import io.chatspec.server.limits.ReadGate;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One chat connection: turns frames into domain calls. Parsing happens here, outside the domain lock.
 *
 * <p>While a register or login waits for its password hash, later frames of this connection are held back (and
 * reading paused) so that its replies keep the order of its commands; the backlog is bounded, and a client that
 * keeps pipelining past it is disconnected. Everything here runs on the channel's event loop.
 */
final class ChatChannelHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger log = LoggerFactory.getLogger(ChatChannelHandler.class);
    /** Frames already read when reading pauses, plus a margin; far above what a pipelining client needs. */
    static final int MAX_HELD_FRAMES = 1024;

    private final SessionId session;
    private final DomainGateway gateway;
    private boolean closing;
    private boolean waiting;
    private final ArrayDeque<Frame> held = new ArrayDeque<>();

    ChatChannelHandler(SessionId session, DomainGateway gateway) {
        this.session = session;
        this.gateway = gateway;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        gateway.connected(session, ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (closing) {
            return;
        }
        if (waiting) {
            if (held.size() >= MAX_HELD_FRAMES) {
                log.warn("closing {}: {} commands pipelined behind a password check", ctx.channel().remoteAddress(),
                        held.size());
                closing = true;
                held.clear();
                ctx.close();
                return;
            }
            held.addLast(frame);
            return;
        }
        dispatch(ctx, frame);
    }

    private void dispatch(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.kind()) {
            case OBJECT -> {
                Message m;
                try {
                    m = Message.parse(frame.bytes());
                } catch (MalformedMessageException e) {
                    gateway.rejected(session, FrameProblem.NOT_AN_OBJECT);
                    return;
                }
                CompletableFuture<Void> pending = gateway.command(session, m);
                if (pending != null) {
                    waitFor(ctx, pending);
                }
            }
            case GARBAGE -> gateway.rejected(session, FrameProblem.NOT_AN_OBJECT);
            case INCOMPLETE -> {
                // The client hung up in the middle of a message: there is nobody left to answer.
            }
            case TOO_LARGE -> {
                // Whatever follows an oversized message cannot be trusted to be framed right, so it is ignored;
                // it is still read (not left unread) so the close is a FIN and the error reply is not lost to a RST.
                closing = true;
                gateway.rejected(session, FrameProblem.TOO_LARGE);
            }
        }
    }

    private void waitFor(ChannelHandlerContext ctx, CompletableFuture<Void> pending) {
        waiting = true;
        serverBusy(ctx, true);
        // Resumed on the event loop, after the reply the gateway queued there (same loop, FIFO).
        pending.whenComplete((ok, failure) -> ctx.executor().execute(() -> resume(ctx)));
    }

    private void resume(ChannelHandlerContext ctx) {
        waiting = false;
        while (!waiting && !closing && !held.isEmpty()) {
            dispatch(ctx, held.removeFirst());
        }
        if (!waiting) {
            serverBusy(ctx, false);
        }
    }

    /** Reading stops while a password check holds later commands back; the guard may keep it stopped after. */
    private static void serverBusy(ChannelHandlerContext ctx, boolean busy) {
        ConnectionMeter meter = ConnectionMeter.of(ctx.channel());
        if (meter != null) {
            meter.serverBusy(busy);
        }
        ReadGate gate = ReadGate.of(ctx.channel());
        if (busy) {
            gate.close(ReadGate.Reason.PASSWORD_CHECK);
        } else {
            gate.open(ReadGate.Reason.PASSWORD_CHECK);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        gateway.disconnected(session);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Fatal.check(cause);
        log.debug("connection {} failed: {}", session, cause.toString());
        ctx.close();
    }
}
