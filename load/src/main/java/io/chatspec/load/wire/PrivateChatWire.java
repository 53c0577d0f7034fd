package io.chatspec.load.wire;

import io.chatspec.load.delivery.DeliveryText;
import io.chatspec.protocol.Messages;

import java.util.Arrays;

/**
 * One sender's measured {@code private_chat} to one partner, encoded straight to bytes: the same bytes the
 * canonical writer puts on the wire for {@code Messages.privateChat(from, to, DeliveryText.encode(...))}, without
 * a JSON tree, a serializer or a String per message (building and serialising the tree was 20 % of the injector's
 * event-loop samples). The names are escaped once, by the canonical writer itself. Not thread-safe: one per
 * sending user, used on its event loop.
 */
public final class PrivateChatWire {
    private final int prefixLength;
    private final int textSize;
    private final byte[] buffer;

    public PrivateChatWire(String from, String to, int textSize) {
        byte[] empty = Messages.privateChat(from, to, "").toJsonBytes();
        // the canonical form ends with "text":""} as text is the last field: keep everything up to its opening quote
        if (empty.length < 2 || empty[empty.length - 1] != '}' || empty[empty.length - 2] != '"'
                || empty[empty.length - 3] != '"') {
            throw new IllegalStateException("private_chat no longer ends with its text: " + new String(empty));
        }
        this.prefixLength = empty.length - 2;
        this.textSize = textSize;
        this.buffer = Arrays.copyOf(empty, prefixLength + DeliveryText.maxBytes(textSize) + 3);
    }

    /** Encodes the message for this sequence number and send time into {@link #buffer()}; returns its length. */
    public int encode(long seq, long sentMicros) {
        int i = DeliveryText.write(buffer, prefixLength, seq, sentMicros, textSize);
        buffer[i++] = '"';
        buffer[i++] = '}';
        buffer[i++] = '\n';
        return i;
    }

    /** The bytes of the last {@link #encode}, valid until the next one. */
    public byte[] buffer() {
        return buffer;
    }
}
