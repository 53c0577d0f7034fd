package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;

public class AliasesTest {
    private final Aliases aliases = Aliases.parse(List.of("login_replay=login_reply", "passwd=password", "ok=success"));

    @Test
    public void inboundReadsTheServersSpellingAsTheSpecsAndKeepsTheWireText() {
        Message wire = Message.parse("{\"cmd\":\"login_replay\",\"result\":\"ok\"}");
        Message read = aliases.inbound(wire);
        assertEquals(read.cmd(), "login_reply");
        assertEquals(read.result(), "success");
        assertEquals(read.raw(), wire.raw());
    }

    @Test
    public void outboundWritesTheSpecsFieldNamesAsTheServers() {
        Message sent = aliases.outbound(Message.of("login", "user", "alice", "password", "pw"));
        assertEquals(sent.text("passwd"), "pw");
        assertEquals(sent.has("password"), false);
        assertEquals(sent.cmd(), "login");
    }

    @Test
    public void onlyCmdAndResultValuesAreRenamedNotText() {
        Message m = aliases.inbound(Message.of("private_chat", "text", "ok"));
        assertEquals(m.text("text"), "ok");
    }

    @Test
    public void noAliasesLeaveMessagesAlone() {
        Message m = Message.of("login_reply", "result", "success");
        assertSame(Aliases.NONE.inbound(m), m);
        assertSame(Aliases.parse(List.of()), Aliases.NONE);
    }

    @Test
    public void malformedPairsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Aliases.parse(List.of("login_replay")));
        assertThrows(IllegalArgumentException.class, () -> Aliases.parse(List.of("=login_reply")));
        assertThrows(IllegalArgumentException.class, () -> Aliases.parse(List.of("a=b=c")));
        assertThrows(IllegalArgumentException.class, () -> Aliases.parse(List.of("same=same")));
    }
}
