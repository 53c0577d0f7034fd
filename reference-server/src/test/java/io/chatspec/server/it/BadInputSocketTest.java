package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.chatspec.protocol.Commands.*;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** ERR rules over sockets: bad input is answered, and hurts nobody else. */
public class BadInputSocketTest extends SocketTestBase {
    private static final Message BAD_JSON = Message.of(ERROR, "result", "bad_json");

    @DataProvider
    public Object[][] notJson() {
        return new Object[][]{
                {"{\"cmd\":}\n".getBytes(StandardCharsets.UTF_8)},
                {"{\"cmd\":\"register\" \"user\":\"x\"}\n".getBytes(StandardCharsets.UTF_8)},
                {"hello there\n".getBytes(StandardCharsets.UTF_8)},
                {"[1,2]\n".getBytes(StandardCharsets.UTF_8)},
                {"\"just a string\"\n".getBytes(StandardCharsets.UTF_8)},
                {"42\n".getBytes(StandardCharsets.UTF_8)},
                {"true\n".getBytes(StandardCharsets.UTF_8)},
                {"null\n".getBytes(StandardCharsets.UTF_8)},
                {"\"{\"\n".getBytes(StandardCharsets.UTF_8)},
                {"\"a [b\"\n".getBytes(StandardCharsets.UTF_8)},
                {"[{\"cmd\":\"login\"}]\n".getBytes(StandardCharsets.UTF_8)},
                {"hello {\"cmd\":\"get_group_member\",\"group\":\"g\"}\n".getBytes(StandardCharsets.UTF_8)},
                {invalidUtf8()},
        };
    }

    private static byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"cmd\":\"register\",\"user\":\"".getBytes(StandardCharsets.UTF_8));
        out.write(0xff);
        out.write(0xfe);
        out.writeBytes("\",\"password\":\"p\"}\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test(dataProvider = "notJson", description = "ERR-1 ERR-2 ERR-3 ERR-10 ERR-11 non-JSON and non-objects get bad_json once; "
            + "the session and the next command are fine")
    public void badJson(byte[] input) {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        a.sendRaw(input);
        assertEquals(a.expectCmd(ERROR, WAIT), BAD_JSON);
        assertEquals(call(a, Messages.privateChat(alice, bob, "after")).result(), "success");
        b.expectCmd(PRIVATE_CHAT, WAIT);
        assertQuiet(a, b);
        assertTrue(a.isOpen());
    }

    @Test(description = "ERR-3 FRAME-7 a bad line between good messages costs only itself")
    public void resyncAfterGarbage() {
        String alice = unique("alice");
        ChatClient c = connect("c");
        c.sendRaw("{\"cmd\":\"register\",\"user\":\"" + alice + "\",\"password\":\"pw\"}\nnot json at all\n"
                + "{\"cmd\":\"login\",\"user\":\"" + alice + "\",\"password\":\"pw\"}\n");
        assertEquals(c.expect(m -> true, WAIT), Message.of(REGISTER_REPLY, "result", "success"));
        assertEquals(c.expect(m -> true, WAIT), BAD_JSON);
        assertEquals(c.expect(m -> true, WAIT), Message.of(LOGIN_REPLY, "result", "success"));
    }

    @Test(description = "ERR-4 ERR-5 ERR-6 ERR-7 ERR-8 ERR-9 error and bad_request replies over the wire")
    public void unknownAndBadRequests() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        online(bob);
        a.sendRaw("{\"user\":\"x\"}");
        assertEquals(a.expectCmd(ERROR, WAIT), Message.of(ERROR, "result", "unknown_cmd"));
        a.sendRaw("{\"cmd\":\"login_reply\",\"result\":\"success\"}");
        assertEquals(a.expectCmd(ERROR, WAIT), Message.of(ERROR, "result", "unknown_cmd"));
        a.sendRaw("{\"cmd\":\"offline\"}");
        assertEquals(a.expectCmd(OFFLINE_REPLY, WAIT), Message.of(OFFLINE_REPLY, "result", "bad_request"));
        a.sendRaw("{\"cmd\":\"get_group_member\",\"group\":3}");
        assertEquals(a.expectCmd(GET_GROUP_MEMBER_REPLY, WAIT), Message.of(GET_GROUP_MEMBER_REPLY, "result", "bad_request"));
        a.sendRaw("{\"cmd\":\"send_file\",\"from_user\":\"" + alice + "\",\"to_user\":\"" + bob
                + "\",\"length\":\"-5\",\"filename\":\"f\"}");
        assertEquals(a.expectCmd(SEND_FILE_REPLY, WAIT), Message.of(SEND_FILE_REPLY, "result", "bad_request"));
        a.sendRaw("{\"cmd\":\"add\",\"user\":\"" + alice + "\",\"friend\":\"\"}");
        assertEquals(a.expectCmd(ADD_REPLY, WAIT), Message.of(ADD_REPLY, "result", "bad_request"));
        assertTrue(server.inspect(d -> d.isOnline(alice)));
    }

    @Test(description = "ERR-12 a client spewing garbage does not disturb others, their sessions or stored data")
    public void otherClientsUnaffected() {
        String alice = unique("alice"), bob = unique("bob"), group = unique("g");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        befriend(a, alice, b, bob);
        call(a, Messages.createGroup(alice, group));
        call(b, Messages.addGroup(bob, group));
        ChatClient evil = connect("evil");
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            junk.append("}}]]\"\\ \u0000 garbage ").append(i).append('\n').append("{\"cmd\":").append(i).append("}\n");
        }
        evil.sendRaw(junk.toString());
        evil.sendRaw(new byte[]{(byte) 0xc3, (byte) 0x28, '\n'});
        assertEquals(call(a, Messages.privateChat(alice, bob, "still here")).result(), "success");
        assertEquals(b.expectCmd(PRIVATE_CHAT, WAIT).text("text"), "still here");
        assertEquals(call(b, Messages.getGroupMember(group)).text("member"), alice + "|" + bob);
        assertEquals(call(b, Messages.add(bob, alice)).result(), "already_friend");
        assertEquals(call(evil, Messages.login(alice, "pw")).result(), "success");
        assertTrue(evil.isOpen());
    }

    @Test(description = "ERR-12 a client that never reads is cut off once too much is queued for it; the rest carry on")
    public void clientThatNeverReads() throws Exception {
        String alice = unique("alice"), mute = unique("mute");
        ChatClient a = online(alice);
        try (java.net.Socket raw = new java.net.Socket(server.address().getAddress(), server.port())) {
            raw.getOutputStream().write((Messages.register(mute, "pw").toJson() + Messages.login(mute, "pw").toJson())
                    .getBytes(StandardCharsets.UTF_8));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> server.inspect(d -> d.isOnline(mute)));
            String text = "x".repeat(60_000);
            int sent = 0;
            String result = "success";
            while (result.equals("success") && sent < 2000) {
                result = call(a, Messages.privateChat(alice, mute, text)).result();
                sent++;
            }
            assertEquals(result, "offline", "still online after " + sent + " unread messages");
            assertEquals(call(a, Messages.getGroupMember(unique("g"))).result(), "group_not_exist");
        }
    }

    @Test(description = "ERR-13 ERR-14 OFF-6 an oversized message gets too_large before it ends, then a close and a dropped-user notice")
    public void tooLarge() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        befriend(a, alice, b, bob);
        a.sendRaw("{\"cmd\":\"register\",\"user\":\"" + "x".repeat(70_000));
        assertEquals(a.expectCmd(ERROR, WAIT), Message.of(ERROR, "result", "too_large"));
        assertTrue(a.awaitClosed(WAIT));
        assertTrue(a.closedByServer());
        assertEquals(b.expectCmd(FRIEND_OFFLINE, WAIT), Message.of(FRIEND_OFFLINE, "friend", alice));
        assertFalse(server.inspect(d -> d.isOnline(alice)));
    }

    @Test(description = "ERR-13 the limit is the message's own bytes: exactly 65536 passes, 65537 is too_large")
    public void sizeLimitBoundary() {
        String user = unique("u");
        ChatClient c = connect("c");
        String head = "{\"cmd\":\"register\",\"user\":\"" + user + "\",\"password\":\"";
        String tail = "\"}";
        String exact = head + "p".repeat(65536 - head.length() - tail.length()) + tail;
        assertEquals(exact.length(), 65536);
        c.sendRaw("  ;" + exact + ";\n");
        assertEquals(c.expectCmd(REGISTER_REPLY, WAIT).result(), "success");
        c.sendRaw(head + "p".repeat(65537 - head.length() - tail.length()) + tail + "\n");
        assertEquals(c.expectCmd(ERROR, WAIT), Message.of(ERROR, "result", "too_large"));
        assertTrue(c.awaitClosed(WAIT));
    }
}
