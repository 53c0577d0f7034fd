package io.chatspec.server.netty;

import io.chatspec.protocol.MalformedMessageException;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.server.domain.FrameProblem;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.limits.Fatal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One chat connection: turns frames into domain calls. Parsing happens here, outside the domain lock. */
final class ChatChannelHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger log = LoggerFactory.getLogger(ChatChannelHandler.class);

    private final SessionId session;
    private final DomainGateway gateway;
    private boolean closing;

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
        switch (frame.kind()) {
            case OBJECT -> {
                Message m;
                try {
                    m = Message.parse(frame.bytes());
                } catch (MalformedMessageException e) {
                    gateway.rejected(session, FrameProblem.NOT_AN_OBJECT);
                    return;
                }
                gateway.command(session, m);
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
