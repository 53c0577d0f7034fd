package io.chatspec.server.netty;

import io.chatspec.protocol.netty.JsonFrameDecoder;
import io.chatspec.protocol.netty.MessageEncoder;
import io.chatspec.server.domain.SessionId;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

import java.util.function.Supplier;

/** A chat connection's pipeline: tolerant framing in, canonical JSON lines out, one session per connection. */
public final class ChatPipeline extends ChannelInitializer<Channel> {
    private final int maxMessageSize;
    private final Supplier<SessionId> sessionIds;
    private final DomainGateway gateway;

    public ChatPipeline(int maxMessageSize, Supplier<SessionId> sessionIds, DomainGateway gateway) {
        this.maxMessageSize = maxMessageSize;
        this.sessionIds = sessionIds;
        this.gateway = gateway;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new JsonFrameDecoder(maxMessageSize), MessageEncoder.INSTANCE,
                new ChatChannelHandler(sessionIds.get(), gateway));
    }
}
