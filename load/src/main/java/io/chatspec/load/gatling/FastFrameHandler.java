package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryFields;
import io.chatspec.load.sim.Params;
import io.chatspec.load.wire.FrameFields;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.netty.JsonFrameDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Sits between the frame decoder and the client's own handler and takes the two commonest inbound messages of a
 * chat run straight from the frame bytes ({@link FrameFields}): forwarded chat messages this simulator wrote,
 * and the success reply a {@link ChatConnection#requestWire wire request} waits for. Neither becomes a Jackson
 * tree (parsing every inbound message to a tree was over a fifth of the injector's event-loop samples).
 * Everything else, and anything the fast path cannot read, goes on to the client unchanged.
 * {@code -Dchatspec.fastPath=false} turns the fast paths off (inbound and {@link io.chatspec.load.wire.PrivateChatWire
 * outbound}), for before/after profiles.
 */
final class FastFrameHandler extends ChannelInboundHandlerAdapter {
    private final ChatConnection connection;
    private final FrameFields fields = new FrameFields();

    private FastFrameHandler(ChatConnection connection) {
        this.connection = connection;
    }

    /** Whether the fast paths are on for this run. */
    static boolean enabled() {
        return Params.flag("fastPath", true);
    }

    /** Installs the handler on a connected client's pipeline; call on the channel's event loop. */
    static void install(ChannelPipeline pipeline, ChatConnection connection) {
        if (!enabled()) {
            return;
        }
        ChannelHandlerContext decoder = pipeline.context(JsonFrameDecoder.class);
        if (decoder != null) {
            pipeline.addAfter(decoder.name(), "chatspec-fast-frames", new FastFrameHandler(connection));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame f && f.kind() == Frame.Kind.OBJECT && fields.read(f.bytes())) {
            DeliveryFields d = DeliveryFields.of(fields);
            if (d != null) {
                connection.onDelivery(d);
                return;
            }
            if (connection.fastReply(fields)) {
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
