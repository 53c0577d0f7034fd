package io.chatspec.protocol.framing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into JSON objects without any framing help from the peer: objects may arrive with or
 * without a trailing newline, several in one read, split over many reads (even inside a UTF-8 character), and
 * separated by whitespace or {@code ;}. It tracks brace depth outside JSON strings, so it never decodes text
 * before a whole object is there. Pure and single-threaded: one instance per connection.
 *
 * <p>Inside an object it scans a run of bytes (to the object's end or the read's end) and copies the run in one
 * go: this loop is on the server's hot path for every inbound message.
 */
public final class FrameSplitter {
    private static final int TOO_LARGE_PREFIX = 256;

    private final int maxFrameBytes;

    private final ByteRun current = new ByteRun(256);
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean oversized;
    private boolean topLevelArray;

    private final ByteRun garbage = new ByteRun(64);
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
        List<Frame> out = new ArrayList<>(2);
        feed(data, offset, length, out);
        return out;
    }

    /**
     * Feeds one read's worth of bytes and appends the frames completed by it to {@code out}, so a caller that
     * already has a list (Netty's decoder output) allocates nothing per read.
     */
    public void feed(byte[] data, int offset, int length, List<? super Frame> out) {
        readSeq++;
        int first = out.size();
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (depth > 0) {
                i = inObject(data, i, end, out);
            } else {
                between(data[i], out);
                i++;
            }
        }
        if (out.size() - first > 1) {
            for (int k = first; k < out.size(); k++) {
                ((Frame) out.get(k)).markSharedRead();
            }
        }
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

    private void between(byte b, List<? super Frame> out) {
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
                current.append(b);
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

    /**
     * Scans from {@code start} until the current object closes or the data ends, copies the scanned run into the
     * frame in one go, and returns the index after the run.
     */
    private int inObject(byte[] data, int start, int end, List<? super Frame> out) {
        int i = start;
        boolean closed = false;
        while (i < end) {
            byte b = data[i++];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                closed = true;
                break;
            }
        }
        keep(data, start, i - start, out);
        if (closed) {
            if (!oversized) {
                Frame frame = new Frame(topLevelArray ? Frame.Kind.GARBAGE : Frame.Kind.OBJECT,
                        current.toByteArray(), readSeq);
                out.add(frame);
                if (!topLevelArray) {
                    awaitingTerminator = frame;
                }
            }
            resetObject();
        }
        return i;
    }

    /**
     * Copies a scanned run into the object up to {@code maxFrameBytes}; the first byte past the limit reports the
     * frame TOO_LARGE (with its prefix) and the rest of the object is only scanned, never kept.
     */
    private void keep(byte[] data, int offset, int length, List<? super Frame> out) {
        if (oversized) {
            return;
        }
        int room = maxFrameBytes - current.size();
        if (length <= room) {
            current.append(data, offset, length);
            return;
        }
        current.append(data, offset, room);
        oversized = true;
        out.add(new Frame(Frame.Kind.TOO_LARGE, current.prefix(TOO_LARGE_PREFIX), readSeq));
        current.reset();
    }

    /** Oversized garbage is reported the moment it passes the limit (ERR-13), then skipped to the newline. */
    private void appendGarbage(byte b, List<? super Frame> out) {
        if (garbageOversized) {
            return;
        }
        if (garbage.size() < maxFrameBytes) {
            garbage.append(b);
            return;
        }
        garbageOversized = true;
        out.add(new Frame(Frame.Kind.TOO_LARGE, garbage.prefix(TOO_LARGE_PREFIX), readSeq));
    }

    private void flushGarbage(List<? super Frame> out) {
        if (garbage.size() > 0 && !garbageOversized) {
            out.add(new Frame(Frame.Kind.GARBAGE, trimTrailing(garbage.toByteArray()), readSeq));
        }
        garbage.reset();
        garbageOversized = false;
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
