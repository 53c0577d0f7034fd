package io.chatspec.protocol.framing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into JSON objects without any framing help from the peer: objects may arrive with or
 * without a trailing newline, several in one read, split over many reads (even inside a UTF-8 character), and
 * separated by whitespace or {@code ;}. It tracks brace depth outside JSON strings, so it never decodes text
 * before a whole object is there. Pure and single-threaded: one instance per connection.
 */
public final class FrameSplitter {
    private static final int TOO_LARGE_PREFIX = 256;

    private final int maxFrameBytes;

    private final ByteArrayOutputStream current = new ByteArrayOutputStream(256);
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean oversized;
    private boolean topLevelArray;

    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private boolean garbageOversized;

    private Frame awaitingTerminator;
    private long readSeq;

    public FrameSplitter(int maxFrameBytes) {
        if (maxFrameBytes < 2) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 2");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Feeds one read's worth of bytes and returns the frames completed by it. */
    public List<Frame> feed(byte[] data, int offset, int length) {
        readSeq++;
        List<Frame> out = new ArrayList<>(2);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = data[i];
            if (depth > 0) {
                inObject(b, out);
            } else {
                between(b, out);
            }
        }
        if (out.size() > 1) {
            out.forEach(Frame::markSharedRead);
        }
        return out;
    }

    public List<Frame> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /** The stream ended: an unfinished object becomes an INCOMPLETE frame, pending garbage a GARBAGE frame. */
    public List<Frame> finish() {
        List<Frame> out = new ArrayList<>(1);
        settle(Frame.Terminator.NONE);
        if (depth > 0) {
            if (!oversized) {
                out.add(new Frame(Frame.Kind.INCOMPLETE, current.toByteArray(), readSeq));
            }
            resetObject();
        }
        flushGarbage(out);
        return out;
    }

    /**
     * Bytes held for an unfinished object or a garbage run not yet ended by a newline: what this connection's
     * input costs in memory right now, for servers that budget it.
     */
    public int heldBytes() {
        return current.size() + garbage.size();
    }

    /** True while part of an object has been read and its end has not. */
    public boolean midObject() {
        return depth > 0;
    }

    private void between(byte b, List<Frame> out) {
        if (garbage.size() > 0 && b != '\n') {
            // A garbage run lasts to the end of its line: a '{' inside it may sit in a string whose opening quote
            // was part of the garbage, and starting an object there would misread everything after it (ERR-3).
            appendGarbage(b, out);
            return;
        }
        switch (b) {
            case '{', '[' -> {
                flushGarbage(out);
                settle(Frame.Terminator.NONE);
                // A top-level array is read whole so that objects inside it are not mistaken for messages.
                topLevelArray = b == '[';
                depth = 1;
                current.write(b);
            }
            case '\n' -> {
                flushGarbage(out);
                settle(Frame.Terminator.NEWLINE);
            }
            case ' ', '\t', '\r', ';' -> {
                // separators between messages
            }
            default -> {
                settle(Frame.Terminator.NONE);
                appendGarbage(b, out);
            }
        }
    }

    private void inObject(byte b, List<Frame> out) {
        if (!oversized) {
            if (current.size() >= maxFrameBytes) {
                oversized = true;
                out.add(new Frame(Frame.Kind.TOO_LARGE, prefix(current.toByteArray()), readSeq));
                current.reset();
            } else {
                current.write(b);
            }
        }
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
            return;
        }
        switch (b) {
            case '"' -> inString = true;
            case '{', '[' -> depth++;
            case '}', ']' -> {
                depth--;
                if (depth == 0) {
                    if (topLevelArray && !oversized) {
                        out.add(new Frame(Frame.Kind.GARBAGE, current.toByteArray(), readSeq));
                    } else if (!oversized) {
                        Frame frame = new Frame(Frame.Kind.OBJECT, current.toByteArray(), readSeq);
                        out.add(frame);
                        awaitingTerminator = frame;
                    }
                    resetObject();
                }
            }
            default -> {
            }
        }
    }

    /** Oversized garbage is reported the moment it passes the limit (ERR-13), then skipped to the newline. */
    private void appendGarbage(byte b, List<Frame> out) {
        if (garbageOversized) {
            return;
        }
        if (garbage.size() < maxFrameBytes) {
            garbage.write(b);
            return;
        }
        garbageOversized = true;
        out.add(new Frame(Frame.Kind.TOO_LARGE, prefix(garbage.toByteArray()), readSeq));
    }

    private void flushGarbage(List<Frame> out) {
        if (garbage.size() > 0 && !garbageOversized) {
            out.add(new Frame(Frame.Kind.GARBAGE, trimTrailing(garbage.toByteArray()), readSeq));
        }
        garbage.reset();
        garbageOversized = false;
    }

    /** What an oversized frame keeps: enough to show in a report, never the whole thing. */
    private static byte[] prefix(byte[] bytes) {
        return bytes.length > TOO_LARGE_PREFIX ? Arrays.copyOf(bytes, TOO_LARGE_PREFIX) : bytes;
    }

    private static byte[] trimTrailing(byte[] bytes) {
        int n = bytes.length;
        while (n > 0 && (bytes[n - 1] == ' ' || bytes[n - 1] == '\t' || bytes[n - 1] == '\r' || bytes[n - 1] == ';')) {
            n--;
        }
        return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
    }

    private void settle(Frame.Terminator t) {
        if (awaitingTerminator != null) {
            awaitingTerminator.settle(t);
            awaitingTerminator = null;
        }
    }

    private void resetObject() {
        current.reset();
        depth = 0;
        inString = false;
        escaped = false;
        oversized = false;
        topLevelArray = false;
    }
}
