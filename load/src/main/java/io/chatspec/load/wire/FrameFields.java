package io.chatspec.load.wire;

import java.nio.charset.StandardCharsets;

/**
 * The top-level string members a load client acts on ({@code cmd}, {@code result}, {@code user_from}, {@code user},
 * {@code group}, {@code text}), found in one walk over a frame's bytes without building a JSON tree. The two
 * commonest inbound messages of a chat run, a forwarded chat and a {@code *_reply} with {@code result}, need
 * nothing else.
 *
 * <p>Walks the members properly (strings with escapes, nested values skipped), so a key inside a value is never
 * taken for a member; a repeated key counts by its last value, as the full parser has it. Anything unusual (an
 * escape in one of these members, one that is not a string, a frame that is not one object) makes {@link #read}
 * false, and the caller falls back to the full JSON parse. Reusable and not thread-safe: one per connection.
 */
public final class FrameFields {
    private static final byte[] CMD = ascii("cmd");
    private static final byte[] RESULT = ascii("result");
    private static final byte[] USER_FROM = ascii("user_from");
    private static final byte[] USER = ascii("user");
    private static final byte[] GROUP = ascii("group");
    private static final byte[] TEXT = ascii("text");
    private static final int FIELDS = 6;
    private static final byte[][] NAMES = {CMD, RESULT, USER_FROM, USER, GROUP, TEXT};
    public static final int F_CMD = 0;
    public static final int F_RESULT = 1;
    public static final int F_USER_FROM = 2;
    public static final int F_USER = 3;
    public static final int F_GROUP = 4;
    public static final int F_TEXT = 5;

    private byte[] o;
    // start and end (exclusive) of each member's string content; start -1 when absent
    private final int[] starts = new int[FIELDS];
    private final int[] ends = new int[FIELDS];

    /** Reads {@code frame}; false when it is not an object this reader can take (see the class comment). */
    public boolean read(byte[] frame) {
        this.o = frame;
        java.util.Arrays.fill(starts, -1);
        int i = skipWs(0);
        if (i >= o.length || o[i] != '{') {
            return false;
        }
        i = skipWs(i + 1);
        if (i < o.length && o[i] == '}') {
            return skipWs(i + 1) == o.length;
        }
        while (i < o.length) {
            if (o[i] != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = plainStringEnd(keyStart);
            if (keyEnd < 0) {
                return false;
            }
            int field = field(keyStart, keyEnd);
            i = skipWs(keyEnd + 1);
            if (i >= o.length || o[i] != ':') {
                return false;
            }
            i = skipWs(i + 1);
            if (i >= o.length) {
                return false;
            }
            int valueEnd;
            if (o[i] == '"') {
                int vs = i + 1;
                int ve = plainStringEnd(vs);
                if (ve < 0) {
                    ve = escapedStringEnd(vs);
                    if (ve < 0 || field >= 0) {
                        return false; // an escape is fine to skip, unless it is in a member we read
                    }
                } else if (field >= 0) {
                    starts[field] = vs;
                    ends[field] = ve;
                }
                valueEnd = ve + 1;
            } else {
                if (field >= 0) {
                    return false; // a member we read that is not a string
                }
                valueEnd = skipValue(i);
                if (valueEnd < 0) {
                    return false;
                }
            }
            i = skipWs(valueEnd);
            if (i < o.length && o[i] == ',') {
                i = skipWs(i + 1);
            } else if (i < o.length && o[i] == '}') {
                return skipWs(i + 1) == o.length;
            } else {
                return false;
            }
        }
        return false;
    }

    /** The frame last read. */
    public byte[] bytes() {
        return o;
    }

    public boolean has(int field) {
        return starts[field] >= 0;
    }

    /** True when the member is present and its value is exactly {@code value} (ASCII or UTF-8 bytes). */
    public boolean is(int field, byte[] value) {
        return starts[field] >= 0 && equal(starts[field], ends[field], value);
    }

    /** The member's value, or null when absent. */
    public String string(int field) {
        int s = starts[field];
        return s < 0 ? null : new String(o, s, ends[field] - s, StandardCharsets.UTF_8);
    }

    public int start(int field) {
        return starts[field];
    }

    public int end(int field) {
        return ends[field];
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private int field(int from, int to) {
        for (int f = 0; f < FIELDS; f++) {
            if (equal(from, to, NAMES[f])) {
                return f;
            }
        }
        return -1;
    }

    private boolean equal(int from, int to, byte[] p) {
        if (to - from != p.length) {
            return false;
        }
        for (int k = 0; k < p.length; k++) {
            if (o[from + k] != p[k]) {
                return false;
            }
        }
        return true;
    }

    private int skipWs(int i) {
        while (i < o.length && (o[i] == ' ' || o[i] == '\t' || o[i] == '\n' || o[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** Index of the closing quote of a string without escapes, or -1 (an escape, or no end). */
    private int plainStringEnd(int i) {
        for (; i < o.length; i++) {
            if (o[i] == '"') {
                return i;
            }
            if (o[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private int escapedStringEnd(int i) {
        for (; i < o.length; i++) {
            if (o[i] == '\\') {
                i++;
            } else if (o[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Skips a number, literal, object or array starting at {@code i}; the index after it, or -1. */
    private int skipValue(int i) {
        int depth = 0;
        for (; i < o.length; i++) {
            byte b = o[i];
            if (b == '"') {
                i = escapedStringEnd(i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (depth == 0 && (b == ',' || b == ' ' || b == '\t' || b == '\n' || b == '\r')) {
                return i;
            }
        }
        return -1;
    }
}
