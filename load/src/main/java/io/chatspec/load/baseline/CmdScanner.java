package io.chatspec.load.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into top-level JSON objects (strings and escapes respected, so braces in text do not
 * count) and classifies each by its {@code cmd} value only, without building a tree: all a plain client needs
 * to count replies and deliveries. Not thread-safe: one per connection.
 */
final class CmdScanner {
    enum Kind { REPLY, DELIVERY, OTHER }

    /** What {@link #feed} reports for each completed object. */
    interface Sink {
        void object(Kind kind, byte[] object, int length) throws IOException;
    }

    private static final byte[] CMD_KEY = "\"cmd\"".getBytes(StandardCharsets.US_ASCII);
    private final byte[] reply;
    private final byte[] delivery;
    private byte[] current = new byte[256];
    private int length;
    private int depth;
    private boolean inString;
    private boolean escaped;

    /** {@code deliveryCmd} e.g. {@code private_chat}; its reply is {@code deliveryCmd + "_reply"}. */
    CmdScanner(String deliveryCmd) {
        this.delivery = ('"' + deliveryCmd + '"').getBytes(StandardCharsets.UTF_8);
        this.reply = ('"' + deliveryCmd + "_reply\"").getBytes(StandardCharsets.UTF_8);
    }

    void feed(ByteBuffer in, Sink sink) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (depth == 0 && b != '{') {
                continue; // separators (newline, ';', whitespace) between objects
            }
            if (length == current.length) {
                current = Arrays.copyOf(current, length * 2);
            }
            current[length++] = b;
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{') {
                depth++;
            } else if (b == '}' && --depth == 0) {
                sink.object(kind(current, length), current, length);
                length = 0;
            }
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
