package io.chatspec.load.wire;

import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

public class FrameFieldsTest {
    private final FrameFields f = new FrameFields();

    private boolean read(String json) {
        return f.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void readsTheTopLevelStringMembersInAnyLayout() {
        assertTrue(read("{\n   \"cmd\" : \"login_reply\",\n   \"result\" : \"success\",\n   \"n\" : [1, {\"cmd\":\"x\"}]\n}\n"));
        assertTrue(f.is(FrameFields.F_CMD, FrameFields.ascii("login_reply")));
        assertTrue(f.is(FrameFields.F_RESULT, FrameFields.ascii("success")));
        assertFalse(f.has(FrameFields.F_TEXT));
        assertEquals(f.string(FrameFields.F_CMD), "login_reply");
    }

    @Test
    public void aRepeatedKeyCountsByItsLastValueAsTheFullParserHasIt() {
        assertTrue(read("{\"cmd\":\"a_reply\",\"result\":\"fail\",\"result\":\"success\"}"));
        assertEquals(f.string(FrameFields.F_RESULT), "success");
    }

    @Test
    public void aMemberItReadsThatIsEscapedOrNotAStringMakesItGiveUp() {
        assertFalse(read("{\"cmd\":\"a_reply\",\"result\":\"succ\\u0065ss\"}"), "escaped result");
        assertFalse(read("{\"cmd\":1,\"result\":\"success\"}"), "number cmd");
        assertFalse(read("{\"cmd\":\"a_reply\",\"result\":null}"), "null result");
        assertTrue(read("{\"cmd\":\"a_reply\",\"other\":\"\\\"x\\\"\"}"), "an escape elsewhere is fine");
        assertNull(f.string(FrameFields.F_RESULT));
    }

    @Test
    public void anythingButOneWholeObjectIsRefused() {
        assertFalse(read("[1]"));
        assertFalse(read("{\"cmd\":\"a\""));
        assertFalse(read("{\"cmd\":\"a\"} {\"cmd\":\"b\"}"));
        assertFalse(read("{\"cmd\" \"a\"}"));
        assertTrue(read(" {} "));
    }
}
