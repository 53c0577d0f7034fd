package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.Direction;
import io.chatspec.protocol.client.TranscriptEntry;
import io.chatspec.protocol.framing.Frame;
import org.testng.annotations.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

/** FRAME and MSG rules over real sockets: any framing in, canonical JSON lines out. */
public class FramingSocketTest extends SocketTestBase {

    @Test(description = "FRAME-1 FRAME-5 an incomplete message on one connection does not hold up another; "
            + "a message without newline is processed when its object closes")
    public void concurrentConnections() {
        String slow = unique("slow"), fast = unique("fast");
        ChatClient s = connect("slow");
        ChatClient f = connect("fast");
        s.sendRaw("{\"cmd\":\"register\",\"user\":\"" + slow + "\",");
        assertEquals(call(f, Messages.register(fast, "pw")).result(), "success");
        s.expectNothing(QUIET);
        s.sendRaw("\"password\":\"pw\"}");
        assertEquals(s.expectCmd(REGISTER_REPLY, WAIT).result(), "success");
    }

    @Test(description = "FRAME-6 a message split into many writes, even inside a UTF-8 character, is processed once")
    public void splitMessage() {
        String user = unique("小明");
        byte[] bytes = Messages.register(user, "密码").toJsonBytes();
        ChatClient c = connect("c");
        for (int i = 0; i < bytes.length; i += 3) {
            c.sendRaw(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3)));
        }
        assertEquals(c.expectCmd(REGISTER_REPLY, WAIT).result(), "success");
        c.expectNothing(QUIET);
        assertEquals(call(c, Messages.login(user, "密码")).result(), "success");
    }

    @Test(description = "FRAME-7 FRAME-8 FRAME-11 MSG-6 MSG-7 coalesced messages with whitespace and ; between them "
            + "(and before the first one) get one reply each, in order")
    public void coalescedMessagesInOrder() {
        ChatClient c = connect("c");
        StringBuilder batch = new StringBuilder(" \t;\r\n");
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String g = unique("g");
            groups.add(g);
            batch.append(Messages.getGroupMember(g).toJson()).append(i % 3 == 0 ? ";" : i % 3 == 1 ? " \r\n" : "");
            batch.append(Messages.register(unique("u"), "pw").toJson()).append(" ; \n\t");
        }
        c.sendRaw(batch.toString());
        Iterator<String> expected = groups.iterator();
        for (int i = 0; i < 60; i++) {
            Message m = c.expect(x -> true, WAIT);
            if (i % 2 == 0) {
                assertEquals(m, Message.of(GET_GROUP_MEMBER_REPLY, "result", "group_not_exist", "group", expected.next()));
            } else {
                assertEquals(m, Message.of(REGISTER_REPLY, "result", "success"));
            }
        }
        c.expectNothing(QUIET);
        assertTrue(c.malformed().isEmpty());
    }

    @Test(description = "FRAME-9 MSG-4 braces, semicolons and escaped newlines inside strings neither end nor split a message")
    public void structuralCharactersInStrings() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        String text = "} { ; }\n{\"cmd\":\"offline\"} \\\" \u00e9 \uD83D\uDE00";
        a.sendRaw("{\"cmd\":\"private_chat\",\"user_from\":\"" + alice + "\",\"user_to\":\"" + bob
                + "\",\"text\":\"} { ; }\\n{\\\"cmd\\\":\\\"offline\\\"} \\\\\\\" \\u00e9 \\ud83d\\ude00\"}");
        assertEquals(a.expectCmd(PRIVATE_CHAT_REPLY, WAIT).result(), "success");
        assertEquals(b.expectCmd(PRIVATE_CHAT, WAIT).text("text"), text);
        assertQuiet(a, b);
    }

    @Test(description = "FRAME-2 FRAME-3 MSG-1 MSG-2 MSG-5 every server message is one compact JSON object with "
            + "string fields, followed by a newline")
    public void canonicalOutput() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        befriend(a, alice, b, bob);
        call(a, Messages.privateChat(alice, bob, "x"));
        b.expectCmd(PRIVATE_CHAT, WAIT);
        call(a, Messages.getGroupMember(unique("none")));
        a.sendRaw("oops\n");
        a.expectCmd(ERROR, WAIT);
        // one more round trip, so that every earlier message's terminator has been seen
        call(a, Messages.register(alice, "again"));
        call(b, Messages.register(bob, "again"));
        List<TranscriptEntry> received = new ArrayList<>();
        for (ChatClient c : List.of(a, b)) {
            c.transcript().entries().stream().filter(e -> e.direction() == Direction.RECEIVED).forEach(received::add);
        }
        assertTrue(received.size() >= 10, "received " + received.size());
        for (TranscriptEntry e : received) {
            Message m = e.message();
            assertNotNull(m, "not a JSON object: " + e.text());
            assertEquals(e.text(), m.toJson(), "not compact");
            assertValidUtf8(e.frame().bytes());
            if (e.frame().terminator() != Frame.Terminator.PENDING) {
                assertEquals(e.frame().terminator(), Frame.Terminator.NEWLINE, "no newline after " + e.text());
            }
            for (String field : m.fieldNames()) {
                assertTrue(m.get(field).isTextual(), field + " is not a string in " + e.text());
            }
        }
    }

    private static void assertValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("server wrote invalid UTF-8: " + e, e);
        }
    }
}
