package io.chatspec.server.netty;

import io.chatspec.protocol.netty.MessageEncoder;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.limits.ConnectionGuard;
import io.chatspec.server.limits.ConnectionMeter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

import java.util.function.Supplier;

/**
 * A chat connection's pipeline: tolerant framing in, canonical JSON lines out, one session per connection. With a
 * {@link ConnectionGuard}, connections over its limit get a refusal instead, and the others are metered.
 */
public final class ChatPipeline extends ChannelInitializer<Channel> {
    private final int maxMessageSize;
    private final Supplier<SessionId> sessionIds;
    private final DomainGateway gateway;
    private final ConnectionGuard guard;

    /** Unguarded: no limits beyond the message size (in-memory channels in tests). */
    public ChatPipeline(int maxMessageSize, Supplier<SessionId> sessionIds, DomainGateway gateway) {
        this(maxMessageSize, sessionIds, gateway, null);
    }

    public ChatPipeline(int maxMessageSize, Supplier<SessionId> sessionIds, DomainGateway gateway,
                        ConnectionGuard guard) {
        this.maxMessageSize = maxMessageSize;
        this.sessionIds = sessionIds;
        this.gateway = gateway;
        this.guard = guard;
    }

    @Override
    protected void initChannel(Channel ch) {
        SessionId session = sessionIds.get();
        ConnectionMeter meter = null;
        if (guard != null) {
            meter = guard.admit(ch, session);
            if (meter == null) {
                return;
            }
        }
        ch.pipeline().addLast(new MeteredFrameDecoder(maxMessageSize, meter), MessageEncoder.INSTANCE,
                new ChatChannelHandler(session, gateway));
    }
}
