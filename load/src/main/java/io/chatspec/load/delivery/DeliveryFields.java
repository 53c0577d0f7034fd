package io.chatspec.load.delivery;

import java.nio.charset.StandardCharsets;

/**
 * What a receiver needs from a forwarded {@code private_chat} or {@code group_chat}, read straight from the frame
 * bytes without building a JSON tree: the {@code cmd}, the sender ({@code user_from}, or {@code user} of a group
 * message), the {@code group}, and the sequence number and send time in {@code text} (see {@link DeliveryText}).
 *
 * <p>Walks the top-level members of the object properly (strings with escapes, nested values skipped), so a key
 * inside a value is never taken for a member. Anything unusual (escapes in a needed string, a text this
 * simulator did not write, a non-object) gives null, and the caller falls back to the full JSON parse.
 */
public record DeliveryFields(boolean group, String sender, String groupName, long seq, long sentMicros) {
    private static final byte[] CMD = bytes("cmd");
    private static final byte[] USER_FROM = bytes("user_from");
    private static final byte[] USER = bytes("user");
    private static final byte[] GROUP = bytes("group");
    private static final byte[] TEXT = bytes("text");
    private static final byte[] PRIVATE_CHAT = bytes("private_chat");
    private static final byte[] GROUP_CHAT = bytes("group_chat");

    /** The fields of a delivery, or null when {@code o} is not a delivery this fast path can read. */
    public static DeliveryFields parse(byte[] o) {
        int i = skipWs(o, 0);
        if (i >= o.length || o[i] != '{') {
            return null;
        }
        int cmd = 0; // 1 private, 2 group
        String userFrom = null;
        String user = null;
        String group = null;
        long seq = -1;
        long sent = -1;
        i = skipWs(o, i + 1);
        if (i < o.length && o[i] == '}') {
            return null;
        }
        while (i < o.length) {
            if (o[i] != '"') {
                return null;
            }
            int keyStart = i + 1;
            int keyEnd = plainStringEnd(o, keyStart);
            if (keyEnd < 0) {
                return null;
            }
            i = skipWs(o, keyEnd + 1);
            if (i >= o.length || o[i] != ':') {
                return null;
            }
            i = skipWs(o, i + 1);
            if (i >= o.length) {
                return null;
            }
            int valueEnd;
            if (o[i] == '"') {
                int vs = i + 1;
                int ve = plainStringEnd(o, vs);
                if (ve < 0) {
                    // an escape in a value: fine to skip unless it is one of ours
                    ve = escapedStringEnd(o, vs);
                    if (ve < 0 || isOneOf(o, keyStart, keyEnd, CMD, USER_FROM, USER, GROUP, TEXT)) {
                        return null;
                    }
                } else if (is(o, keyStart, keyEnd, CMD)) {
                    cmd = is(o, vs, ve, PRIVATE_CHAT) ? 1 : is(o, vs, ve, GROUP_CHAT) ? 2 : -1;
                } else if (is(o, keyStart, keyEnd, USER_FROM)) {
                    userFrom = string(o, vs, ve);
                } else if (is(o, keyStart, keyEnd, USER)) {
                    user = string(o, vs, ve);
                } else if (is(o, keyStart, keyEnd, GROUP)) {
                    group = string(o, vs, ve);
                } else if (is(o, keyStart, keyEnd, TEXT)) {
                    long[] parsed = text(o, vs, ve);
                    if (parsed == null) {
                        return null;
                    }
                    seq = parsed[0];
                    sent = parsed[1];
                }
                valueEnd = ve + 1;
            } else {
                if (isOneOf(o, keyStart, keyEnd, CMD, USER_FROM, USER, GROUP, TEXT)) {
                    return null; // a needed field that is not a string
                }
                valueEnd = skipValue(o, i);
                if (valueEnd < 0) {
                    return null;
                }
            }
            i = skipWs(o, valueEnd);
            if (i < o.length && o[i] == ',') {
                i = skipWs(o, i + 1);
            } else if (i < o.length && o[i] == '}') {
                break;
            } else {
                return null;
            }
        }
        if (cmd == 1 && userFrom != null && seq >= 0) {
            return new DeliveryFields(false, userFrom, null, seq, sent);
        }
        if (cmd == 2 && user != null && group != null && seq >= 0) {
            return new DeliveryFields(true, user, group, seq, sent);
        }
        return null;
    }

    /** The stream this delivery belongs to: per sender for private, per group and sender for group messages. */
    public String stream() {
        return group ? "g/" + groupName + "/" + sender : "p/" + sender;
    }

    /** {@code cs:<seq>:<micros>:...} read from bytes; null for any other text. */
    private static long[] text(byte[] o, int from, int to) {
        if (to - from < 5 || o[from] != 'c' || o[from + 1] != 's' || o[from + 2] != ':') {
            return null;
        }
        long[] r = new long[2];
        int i = from + 3;
        for (int k = 0; k < 2; k++) {
            long v = 0;
            int start = i;
            while (i < to && o[i] >= '0' && o[i] <= '9' && i - start < 18) {
                v = v * 10 + (o[i] - '0');
                i++;
            }
            if (i == start || i >= to || o[i] != ':') {
                return null;
            }
            r[k] = v;
            i++;
        }
        return r;
    }

    private static int skipWs(byte[] o, int i) {
        while (i < o.length && (o[i] == ' ' || o[i] == '\t' || o[i] == '\n' || o[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** Index of the closing quote of a string without escapes, or -1 (an escape, or no end). */
    private static int plainStringEnd(byte[] o, int i) {
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

    private static int escapedStringEnd(byte[] o, int i) {
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
    private static int skipValue(byte[] o, int i) {
        int depth = 0;
        for (; i < o.length; i++) {
            byte b = o[i];
            if (b == '"') {
                i = escapedStringEnd(o, i + 1);
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

    private static boolean is(byte[] o, int from, int to, byte[] p) {
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

    private static boolean isOneOf(byte[] o, int from, int to, byte[]... ps) {
        for (byte[] p : ps) {
            if (is(o, from, to, p)) {
                return true;
            }
        }
        return false;
    }

    private static String string(byte[] o, int from, int to) {
        return new String(o, from, to - from, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
