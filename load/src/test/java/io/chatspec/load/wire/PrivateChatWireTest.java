package io.chatspec.load.wire;

import io.chatspec.load.delivery.DeliveryText;
import io.chatspec.protocol.Messages;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.testng.Assert.assertEquals;

/** The pre-encoded private_chat is byte for byte what the canonical writer sends for the same message. */
public class PrivateChatWireTest {
    @DataProvider
    public Object[][] cases() {
        return new Object[][]{
                {"alice", "bob", 64, 1L, 1_700_000_000_123_456L},
                {"q\"uote\\back", "tab\tnew\nline", 64, 42L, 5L},
                {"名字", "😀emoji", 16, 123_456_789L, 1_700_000_000_123_456L}, // size below the unpadded text
                {"a", "b", 0, 0L, 0L},
                {"a", "b", 1000, Long.MAX_VALUE / 2, Long.MAX_VALUE / 3},
        };
    }

    @Test(dataProvider = "cases")
    public void encodesWhatTheCanonicalWriterWrites(String from, String to, int size, long seq, long micros) {
        PrivateChatWire wire = new PrivateChatWire(from, to, size);
        wire.encode(seq + 1, micros + 1); // the buffer is reused: a longer earlier message must not leak into this one
        int length = wire.encode(seq, micros);
        // what MessageEncoder writes: toJsonBytes, which escapes characters outside the BMP, unlike toJson
        String expected = new String(Messages.privateChat(from, to, DeliveryText.encode(seq, micros, size))
                .toJsonBytes(), StandardCharsets.UTF_8) + "\n";
        assertEquals(new String(Arrays.copyOf(wire.buffer(), length), StandardCharsets.UTF_8), expected);
    }

    @Test
    public void deliveryTextWriteMatchesEncode() {
        byte[] dst = new byte[DeliveryText.maxBytes(8) + 4];
        int end = DeliveryText.write(dst, 4, 9_876_543_210L, 7L, 8);
        assertEquals(new String(dst, 4, end - 4, StandardCharsets.US_ASCII), DeliveryText.encode(9_876_543_210L, 7L, 8));
        assertEquals(DeliveryText.encode(9_876_543_210L, 7L, 8), "cs:9876543210:7:", "longer than the size: unpadded");
        assertEquals(DeliveryText.encode(42, 5, 12), "cs:42:5:....", "padded with dots to the size");
    }
}
