package io.chatspec.protocol.framing;

import java.nio.charset.StandardCharsets;

/**
 * One unit cut from a byte stream by {@link FrameSplitter}: a complete JSON object, a run of bytes that cannot
 * start one (garbage), or an object that exceeded the size limit.
 *
 * <p>Whether an object was followed by a newline is only known once the next byte arrives, which may be in a
 * later read, so {@link #terminator()} starts as {@link Terminator#PENDING} and is settled by the splitter.
 */
public final class Frame {
    public enum Kind {
        OBJECT,
        /** Bytes that cannot be a message: not an object, or not JSON at all. */
        GARBAGE,
        /** An object over the size limit; only a prefix is kept. */
        TOO_LARGE,
        /** The stream ended inside an object: cut off by whoever closed the connection. */
        INCOMPLETE
    }

    public enum Terminator {
        /** Nothing after the object has been read yet. */
        PENDING,
        /** A newline followed the object (after optional spaces or {@code ;}). */
        NEWLINE,
        /** Another object or other bytes followed with no newline in between, or the stream ended. */
        NONE
    }

    private final Kind kind;
    private final byte[] bytes;
    private final long readSeq;
    private volatile boolean sharedRead;
    private volatile Terminator terminator;

    Frame(Kind kind, byte[] bytes, long readSeq) {
        this.kind = kind;
        this.bytes = bytes;
        this.readSeq = readSeq;
        this.terminator = kind == Kind.OBJECT ? Terminator.PENDING : Terminator.NONE;
    }

    public Kind kind() {
        return kind;
    }

    /** The frame's bytes (for TOO_LARGE: the retained prefix only). */
    public byte[] bytes() {
        return bytes;
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Sequence number of the read (network chunk) in which the frame completed. */
    public long readSeq() {
        return readSeq;
    }

    /** True when another frame completed in the same read: the peer coalesced messages into one segment. */
    public boolean sharedRead() {
        return sharedRead;
    }

    public Terminator terminator() {
        return terminator;
    }

    void markSharedRead() {
        sharedRead = true;
    }

    void settle(Terminator t) {
        if (terminator == Terminator.PENDING) {
            terminator = t;
        }
    }

    @Override
    public String toString() {
        String text = text();
        return kind + "(" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + ")";
    }
}
