package io.chatspec.server.netty;

import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;
import io.chatspec.server.limits.ConnectionMeter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.List;

/**
 * The server's framing: {@link FrameSplitter} like the protocol's JsonFrameDecoder, plus what a server under
 * attack needs. It reports to the connection's {@link ConnectionMeter} what it holds after each read; it copies
 * reads into a scratch array shared by the event loop's connections instead of keeping one per connection; and it
 * starts a fresh splitter after a big message, so an idle connection does not keep a message-sized array.
 */
final class MeteredFrameDecoder extends ByteToMessageDecoder {
    /** Frames up to this size reuse the splitter's buffer; after a bigger one it is dropped once idle. */
    static final int KEEP_BUFFER_UP_TO = 8 * 1024;

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private final int maxMessageSize;
    private final ConnectionMeter meter;
    private FrameSplitter splitter;
    private boolean bigSinceFresh;

    /** {@code meter} may be null (embedded tests): nothing is reported. */
    MeteredFrameDecoder(int maxMessageSize, ConnectionMeter meter) {
        this.maxMessageSize = maxMessageSize;
        this.meter = meter;
        this.splitter = new FrameSplitter(maxMessageSize);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = in.readableBytes();
        if (n == 0) {
            return;
        }
        List<Frame> frames;
        if (in.hasArray()) {
            frames = splitter.feed(in.array(), in.arrayOffset() + in.readerIndex(), n);
            in.skipBytes(n);
        } else {
            byte[] scratch = SCRATCH.get();
            if (scratch.length < n) {
                // Reads are at most the receive allocator's maximum; this grows once per loop, if ever.
                scratch = new byte[n];
                SCRATCH.set(scratch);
            }
            in.readBytes(scratch, 0, n);
            frames = splitter.feed(scratch, 0, n);
        }
        for (Frame f : frames) {
            if (f.bytes().length > KEEP_BUFFER_UP_TO || f.kind() == Frame.Kind.TOO_LARGE) {
                bigSinceFresh = true;
            }
        }
        out.addAll(frames);
        int held = splitter.heldBytes();
        boolean unfinished = splitter.midObject() || held > 0;
        if (!unfinished && bigSinceFresh) {
            // Nothing pending, so a fresh splitter loses nothing the server uses (the terminator of the last
            // frame is only a client-side observation).
            splitter = new FrameSplitter(maxMessageSize);
            bigSinceFresh = false;
        }
        if (meter != null) {
            meter.inbound(held, unfinished);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        out.addAll(splitter.finish());
    }
}
