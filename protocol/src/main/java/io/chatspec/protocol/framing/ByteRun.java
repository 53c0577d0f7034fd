package io.chatspec.protocol.framing;

import java.util.Arrays;

/**
 * A growable byte buffer for one frame under construction. Unlike {@link java.io.ByteArrayOutputStream} it is
 * unsynchronized and appends whole runs with one {@link System#arraycopy}: the splitter is single-threaded and
 * copies each scanned run at once instead of byte by byte.
 */
final class ByteRun {
    private byte[] bytes;
    private int size;

    ByteRun(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    void append(byte b) {
        ensure(size + 1);
        bytes[size++] = b;
    }

    void append(byte[] src, int offset, int length) {
        if (length <= 0) {
            return;
        }
        ensure(size + length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The first {@code max} bytes at most. */
    byte[] prefix(int max) {
        return Arrays.copyOf(bytes, Math.min(size, max));
    }

    void reset() {
        size = 0;
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }
}
