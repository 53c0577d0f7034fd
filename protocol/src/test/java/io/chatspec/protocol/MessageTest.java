package io.chatspec.protocol;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

public class MessageTest {
    @Test
    public void factoriesSpellCommandsAsTheSeed() {
        assertEquals(Messages.register("小明", "11111").toJson(),
                "{\"cmd\":\"register\",\"user\":\"小明\",\"password\":\"11111\"}");
        assertEquals(Messages.sendFile("a", "b", 10000, "x.txt").toJson(),
                "{\"cmd\":\"send_file\",\"from_user\":\"a\",\"to_user\":\"b\",\"length\":\"10000\",\"filename\":\"x.txt\"}");
        assertEquals(Messages.sendFileNumericLength("a", "b", 10, "x").get("length").isNumber(), true);
    }

    @Test
    public void parseKeepsJsonTypesAndRawText() {
        String raw = "{ \"cmd\": \"send_file_port_reply\", \"port\": \"8080\", \"length\": \"10\" }";
        Message m = Message.parse(raw);
        assertEquals(m.cmd(), "send_file_port_reply");
        assertTrue(m.get("port").isTextual(), "a string port stays a string");
        assertEquals(m.asText("port"), "8080");
        assertEquals(m.raw(), raw);
        assertNull(m.text("missing"));
    }

    @Test
    public void equalityIgnoresFieldOrderAndWhitespace() {
        assertEquals(Message.parse("{\"a\":\"1\",\"cmd\":\"x\"}"), Message.parse("{ \"cmd\" : \"x\", \"a\" : \"1\" }"));
        assertFalse(Message.parse("{\"cmd\":\"x\",\"port\":1}").equals(Message.parse("{\"cmd\":\"x\",\"port\":\"1\"}")));
    }

    @Test
    public void nonObjectsAndBrokenJsonAreRejected() {
        assertThrows(MalformedMessageException.class, () -> Message.parse("[1,2]"));
        assertThrows(MalformedMessageException.class, () -> Message.parse("{\"cmd\":"));
        assertThrows(MalformedMessageException.class, () -> Message.parse("\"text\""));
        assertThrows(MalformedMessageException.class, () -> Message.parse(""));
    }

    @Test
    public void withAndWithoutReturnCopies() {
        Message m = Messages.login("u", "p");
        Message changed = m.with("password", "q").without("user");
        assertEquals(m.text("password"), "p");
        assertTrue(m.has("user"));
        assertEquals(changed.text("password"), "q");
        assertFalse(changed.has("user"));
        assertNull(Message.parse("{\"cmd\":1}").cmd(), "a non-string cmd is no cmd");
    }
}
