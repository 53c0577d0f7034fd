package io.chatspec.protocol.netty;

import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/** Netty edge of {@link FrameSplitter}: turns inbound bytes into {@link Frame}s, one splitter per channel. */
public final class JsonFrameDecoder extends ByteToMessageDecoder {
    private final FrameSplitter splitter;
    private byte[] scratch = new byte[8192];

    public JsonFrameDecoder(int maxFrameBytes) {
        this.splitter = new FrameSplitter(maxFrameBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = in.readableBytes();
        if (n == 0) {
            return;
        }
        if (in.hasArray()) {
            // Heap buffer: scan it in place.
            splitter.feed(in.array(), in.arrayOffset() + in.readerIndex(), n, out);
            in.skipBytes(n);
            return;
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        in.readBytes(scratch, 0, n);
        splitter.feed(scratch, 0, n, out);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        out.addAll(splitter.finish());
    }
}
