package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryFields;
import io.chatspec.load.sim.Params;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.netty.JsonFrameDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Sits between the frame decoder and the client's own handler and takes forwarded chat messages this simulator
 * wrote straight from the frame bytes ({@link DeliveryFields}), so the commonest inbound message never becomes
 * a Jackson tree (12 % of the injector's samples in issue 11's profile). Everything else, and any delivery the
 * fast path cannot read, goes on to the client unchanged. {@code -Dchatspec.fastDelivery=false} turns it off,
 * for before/after profiles.
 */
final class FastDeliveryHandler extends ChannelInboundHandlerAdapter {
    private final ChatConnection connection;

    private FastDeliveryHandler(ChatConnection connection) {
        this.connection = connection;
    }

    /** Installs the handler on a connected client's pipeline; call on the channel's event loop. */
    static void install(ChannelPipeline pipeline, ChatConnection connection) {
        if (!Params.flag("fastDelivery", true)) {
            return;
        }
        ChannelHandlerContext decoder = pipeline.context(JsonFrameDecoder.class);
        if (decoder != null) {
            pipeline.addAfter(decoder.name(), "chatspec-fast-delivery", new FastDeliveryHandler(connection));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame f && f.kind() == Frame.Kind.OBJECT) {
            DeliveryFields d = DeliveryFields.parse(f.bytes());
            if (d != null) {
                connection.onDelivery(d);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
