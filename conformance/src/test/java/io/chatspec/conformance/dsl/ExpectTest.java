package io.chatspec.conformance.dsl;

import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.Message;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Set;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class ExpectTest {
    @Test
    public void exactReplyMatchesWithoutFindings() {
        Expect e = Expect.reply("login_reply", "success");
        Message m = Message.parse("{\"cmd\":\"login_reply\",\"result\":\"success\"}");
        assertTrue(e.test(m));
        assertTrue(e.deviations(m).isEmpty());
    }

    @Test
    public void cmdIsCaseSensitive() {
        assertFalse(Expect.reply("login_reply", "success").test(Message.parse("{\"cmd\":\"Login_reply\",\"result\":\"success\"}")));
        assertFalse(Expect.reply("login_reply", "success").test(Message.parse("{\"cmd\":\"login_replay\",\"result\":\"success\"}")));
    }

    @Test
    public void extraFieldsAreToleratedButReported() {
        Message m = Message.parse("{\"cmd\":\"add_reply\",\"result\":\"success\",\"friend\":\"bob\",\"ts\":1}");
        Expect e = Expect.msg("add_reply").with("result", "success").with("friend", "bob");
        assertTrue(e.test(m));
        List<Finding> d = e.deviations(m);
        assertEquals(d.size(), 1);
        assertEquals(d.get(0).rule(), "MSG-5");
        assertEquals(d.get(0).verdict(), Verdict.NON_STRICT);
    }

    @Test
    public void numberForStringIsToleratedAsMsg2() {
        Message m = Message.parse("{\"cmd\":\"friend_login\",\"friend\":123}");
        Expect e = Expect.msg("friend_login").with("friend", "123");
        assertTrue(e.test(m));
        assertEquals(e.deviations(m).get(0).rule(), "MSG-2");
    }

    @Test
    public void portMustBeAnInteger() {
        Expect e = Expect.msg("send_file_port_reply").withPort();
        assertTrue(e.test(Message.parse("{\"cmd\":\"send_file_port_reply\",\"port\":4000}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"send_file_port_reply\",\"port\":\"4000\"}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"send_file_port_reply\",\"port\":70000}")));
    }

    @Test
    public void lengthKeepsItsType() {
        Message sent = Message.parse("{\"length\":\"10\"}");
        Expect e = Expect.msg("recv_file_port_reply").withExactType("length", sent.get("length"));
        assertTrue(e.test(Message.parse("{\"cmd\":\"recv_file_port_reply\",\"length\":\"10\"}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"recv_file_port_reply\",\"length\":10}")));
    }

    @Test
    public void membersCompareAsASetWithoutDuplicates() {
        Expect e = Expect.msg("get_group_member_reply").withMembers("member", Set.of("a", "b"));
        assertTrue(e.test(Message.parse("{\"cmd\":\"get_group_member_reply\",\"member\":\"b|a\"}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"get_group_member_reply\",\"member\":\"a|b|a\"}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"get_group_member_reply\",\"member\":\"a|b|\"}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"get_group_member_reply\",\"member\":\"a,b\"}")));
    }

    @Test
    public void jsonPathConditions() {
        Expect e = Expect.cmd("x").path("nested.n", v -> Integer.valueOf(3).equals(v), "== 3");
        assertTrue(e.test(Message.parse("{\"cmd\":\"x\",\"nested\":{\"n\":3}}")));
        assertFalse(e.test(Message.parse("{\"cmd\":\"x\",\"nested\":{\"n\":4}}")));
    }

    @Test
    public void forwardMustEqualWhatWasSent() {
        Message sent = Message.parse("{\"cmd\":\"private_chat\",\"user_from\":\"a\",\"user_to\":\"b\",\"text\":\"hi\"}");
        assertTrue(Expect.sameAs(sent).test(sent));
        assertFalse(Expect.sameAs(sent).test(sent.without("text")));
        assertFalse(Expect.sameAs(sent).test(sent.with("text", "hi ")));
    }
}
