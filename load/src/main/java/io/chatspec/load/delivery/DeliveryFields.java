package io.chatspec.load.delivery;

import io.chatspec.load.wire.FrameFields;

/**
 * What a receiver needs from a forwarded {@code private_chat} or {@code group_chat}, read straight from the frame
 * bytes without building a JSON tree: the {@code cmd}, the sender ({@code user_from}, or {@code user} of a group
 * message), the {@code group}, and the sequence number and send time in {@code text} (see {@link DeliveryText}).
 *
 * <p>Anything {@link FrameFields} cannot read, and a text this simulator did not write, gives null: the caller
 * falls back to the full JSON parse.
 */
public record DeliveryFields(boolean group, String sender, String groupName, long seq, long sentMicros) {
    private static final byte[] PRIVATE_CHAT = FrameFields.ascii("private_chat");
    private static final byte[] GROUP_CHAT = FrameFields.ascii("group_chat");

    /** The fields of a delivery, or null when {@code o} is not a delivery this fast path can read. */
    public static DeliveryFields parse(byte[] o) {
        FrameFields f = new FrameFields();
        return f.read(o) ? of(f) : null;
    }

    /** The delivery in a frame {@link FrameFields#read read} already, or null when it is not one. */
    public static DeliveryFields of(FrameFields f) {
        boolean group;
        String sender;
        if (f.is(FrameFields.F_CMD, PRIVATE_CHAT)) {
            group = false;
            sender = f.string(FrameFields.F_USER_FROM);
        } else if (f.is(FrameFields.F_CMD, GROUP_CHAT)) {
            group = true;
            sender = f.string(FrameFields.F_USER);
        } else {
            return null;
        }
        if (sender == null || (group && !f.has(FrameFields.F_GROUP)) || !f.has(FrameFields.F_TEXT)) {
            return null;
        }
        long[] text = text(f.bytes(), f.start(FrameFields.F_TEXT), f.end(FrameFields.F_TEXT));
        if (text == null) {
            return null;
        }
        return new DeliveryFields(group, sender, group ? f.string(FrameFields.F_GROUP) : null, text[0], text[1]);
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
}
