package io.chatspec.load.delivery;

import io.chatspec.protocol.Messages;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

public class DeliveryFieldsTest {
    private static DeliveryFields parse(String json) {
        return DeliveryFields.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void readsAPrivateDeliveryAsTheProtocolEncoderWritesIt() {
        String text = DeliveryText.encode(42, 1_700_000_000_123_456L, 64);
        DeliveryFields d = DeliveryFields.parse(Messages.privateChat("alice", "bob", text).toJsonBytes());
        assertEquals(d, new DeliveryFields(false, "alice", null, 42, 1_700_000_000_123_456L));
        assertEquals(d.stream(), "p/alice");
    }

    @Test
    public void readsAGroupDeliveryInAnyMemberOrderWithWhitespaceAndExtraMembers() {
        DeliveryFields d = parse(" { \"text\" : \"cs:7:99:...\", \"extra\": {\"a\": [1, \"}\"]}, \"n\": -1.5e3,"
                + " \"group\":\"g1\",\"user\":\"carol\", \"cmd\":\"group_chat\" }");
        assertEquals(d, new DeliveryFields(true, "carol", "g1", 7, 99));
        assertEquals(d.stream(), "g/g1/carol");
    }

    @Test
    public void keysInsideValuesAreNotMembers() {
        // the only cmd member is a reply; "cmd":"private_chat" appears only inside the text value
        assertNull(parse("{\"cmd\":\"private_chat_reply\",\"text\":\"cs:1:2:\\\"cmd\\\":\\\"private_chat\\\"\","
                + "\"user_from\":\"a\"}"));
    }

    @Test
    public void whatTheFastPathCannotReadFallsBackToTheFullParse() {
        assertNull(parse("{\"cmd\":\"private_chat\",\"user_from\":\"a\\u00e9\",\"text\":\"cs:1:2:\"}"), "escape");
        assertNull(parse("{\"cmd\":\"private_chat\",\"user_from\":\"a\",\"text\":\"hello\"}"), "foreign text");
        assertNull(parse("{\"cmd\":\"private_chat\",\"user_from\":\"a\"}"), "no text");
        assertNull(parse("{\"cmd\":\"private_chat\",\"user_from\":1,\"text\":\"cs:1:2:\"}"), "number sender");
        assertNull(parse("{\"cmd\":\"login_reply\",\"result\":\"success\"}"), "a reply");
        assertNull(parse("{\"cmd\":\"private_chat\",\"user_from\":\"a\",\"text\":\"cs:1:2:\""), "truncated");
        assertNull(parse("[1]"), "not an object");
    }

    @Test
    public void anEscapeInAMemberTheFastPathDoesNotNeedIsSkipped() {
        DeliveryFields d = parse("{\"cmd\":\"private_chat\",\"user_to\":\"b\\\"x\",\"user_from\":\"a\","
                + "\"text\":\"cs:3:4:\"}");
        assertEquals(d, new DeliveryFields(false, "a", null, 3, 4));
    }
}
