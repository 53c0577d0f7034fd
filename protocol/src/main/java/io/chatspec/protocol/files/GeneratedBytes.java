package io.chatspec.protocol.files;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A deterministic pseudo-random byte stream of a given length: lets a test or a simulation send gigabytes
 * without holding or writing a file, and lets the receiver know the expected SHA-256 from the seed alone.
 */
public final class GeneratedBytes extends InputStream {
    private final SplittableRandom random;
    private long remaining;
    private long word;
    private int wordBytes;

    public GeneratedBytes(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0");
        }
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        if (remaining == 0) {
            return -1;
        }
        remaining--;
        return nextByte() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            b[off + i] = nextByte();
        }
        remaining -= n;
        return n;
    }

    private byte nextByte() {
        if (wordBytes == 0) {
            word = random.nextLong();
            wordBytes = 8;
        }
        byte b = (byte) word;
        word >>>= 8;
        wordBytes--;
        return b;
    }
}
