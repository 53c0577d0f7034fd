package io.chatspec.load.baseline;

import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into JSON objects with the project's {@link FrameSplitter} and classifies each by its
 * {@code cmd} value only, without building a tree: all a plain client needs to count replies and deliveries.
 * Not thread-safe: one per connection.
 */
final class CmdScanner {
    enum Kind { REPLY, DELIVERY, OTHER }

    /** What {@link #feed} reports for each completed object. */
    interface Sink {
        void object(Kind kind, byte[] object, int length) throws IOException;
    }

    private static final byte[] CMD_KEY = "\"cmd\"".getBytes(StandardCharsets.US_ASCII);
    /** Far above any message the baseline exchanges; the splitter allocates per object, never this much. */
    private static final int MAX_OBJECT_BYTES = 64 * 1024 * 1024;
    private final byte[] reply;
    private final byte[] delivery;
    private final FrameSplitter splitter = new FrameSplitter(MAX_OBJECT_BYTES);
    private final List<Frame> frames = new ArrayList<>();

    /** {@code deliveryCmd} e.g. {@code private_chat}; its reply is {@code deliveryCmd + "_reply"}. */
    CmdScanner(String deliveryCmd) {
        this.delivery = ('"' + deliveryCmd + '"').getBytes(StandardCharsets.UTF_8);
        this.reply = ('"' + deliveryCmd + "_reply\"").getBytes(StandardCharsets.UTF_8);
    }

    void feed(ByteBuffer in, Sink sink) throws IOException {
        frames.clear();
        if (in.hasArray()) {
            splitter.feed(in.array(), in.arrayOffset() + in.position(), in.remaining(), frames);
            in.position(in.limit());
        } else {
            byte[] copy = new byte[in.remaining()];
            in.get(copy);
            splitter.feed(copy, 0, copy.length, frames);
        }
        for (Frame f : frames) {
            byte[] o = f.bytes();
            sink.object(f.kind() == Frame.Kind.OBJECT ? kind(o, o.length) : Kind.OTHER, o, o.length);
        }
    }

    Kind kind(byte[] o, int len) {
        int key = indexOf(o, len, CMD_KEY, 0);
        if (key < 0) {
            return Kind.OTHER;
        }
        int v = key + CMD_KEY.length;
        while (v < len && (o[v] == ' ' || o[v] == ':' || o[v] == '\t' || o[v] == '\r' || o[v] == '\n')) {
            v++;
        }
        if (startsWith(o, len, v, reply)) {
            return Kind.REPLY;
        }
        return startsWith(o, len, v, delivery) ? Kind.DELIVERY : Kind.OTHER;
    }

    private static boolean startsWith(byte[] o, int len, int at, byte[] p) {
        if (at + p.length > len) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (o[at + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] o, int len, byte[] p, int from) {
        for (int i = from; i + p.length <= len; i++) {
            if (startsWith(o, len, i, p)) {
                return i;
            }
        }
        return -1;
    }
}
