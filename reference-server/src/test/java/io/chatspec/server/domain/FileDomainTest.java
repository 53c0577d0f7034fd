package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;

public class FileDomainTest {
    private static final TransferId T1 = new TransferId(1);

    @Test(description = "FILE-1 a registered but offline recipient: offline, no port asked for")
    public void offlineRecipient() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.registered("bob");
        assertEquals(f.handle(a, Messages.sendFile("alice", "bob", 10, "x")),
                List.of(reply(a, SEND_FILE_REPLY, Results.OFFLINE)));
        assertEquals(f.domain.pendingTransfers(), 0);
    }

    @Test(description = "FILE-2 FILE-3 FILE-4 FILE-5 MSG-3 port replies to both sides with length echoed as a string")
    public void portRepliesStringLength() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        assertEquals(f.handle(a, Messages.sendFile("alice", "bob", 10000, "x.txt")),
                List.of(new Effect.OpenTransfer(T1, 10000)));
        assertEquals(f.domain.transferOpened(T1, 40001), List.of(
                send(a, SEND_FILE_PORT_REPLY, "port", 40001, "length", "10000", "filename", "x.txt"),
                send(b, RECV_FILE_PORT_REPLY, "port", 40001, "length", "10000", "filename", "x.txt")));
    }

    @Test(description = "MSG-3 FILE-5 a numeric length comes back as the same number")
    public void portRepliesNumericLength() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        assertEquals(f.handle(a, Messages.sendFileNumericLength("alice", "bob", 0, "")),
                List.of(new Effect.OpenTransfer(T1, 0)));
        List<Effect> out = f.domain.transferOpened(T1, 9000);
        assertEquals(out, List.of(
                send(a, SEND_FILE_PORT_REPLY, "port", 9000, "length", 0L, "filename", ""),
                send(b, RECV_FILE_PORT_REPLY, "port", 9000, "length", 0L, "filename", "")));
        Message portReply = ((Effect.Send) out.get(0)).message();
        assertEquals(portReply.toJson(), "{\"cmd\":\"send_file_port_reply\",\"port\":9000,\"length\":0,\"filename\":\"\"}");
    }

    @Test(description = "FILE-13 FILE-14 a timed-out transfer tells the sender's control connection, once")
    public void timeout() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        f.handle(a, Messages.sendFile("alice", "bob", 5, "x"));
        f.domain.transferOpened(T1, 9000);
        assertEquals(f.domain.transferTimedOut(T1), List.of(reply(a, SEND_FILE_REPLY, TIMEOUT)));
        assertEquals(f.domain.transferTimedOut(T1), List.of());
        assertEquals(f.domain.pendingTransfers(), 0);
    }

    @Test(description = "FILE-13 a timeout for a sender whose connection is gone sends nothing")
    public void timeoutAfterSenderLeft() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        f.handle(a, Messages.sendFile("alice", "bob", 5, "x"));
        f.domain.disconnected(a);
        assertEquals(f.domain.transferTimedOut(T1), List.of());
    }

    @Test(description = "FILE-9 a finished transfer is forgotten without messages")
    public void ended() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        f.handle(a, Messages.sendFile("alice", "bob", 5, "x"));
        assertEquals(f.domain.transferEnded(T1), List.of());
        assertEquals(f.domain.pendingTransfers(), 0);
        assertEquals(f.domain.transferTimedOut(T1), List.of());
    }

    @Test(description = "FILE-16 each send_file gets its own transfer")
    public void distinctTransfers() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        assertEquals(f.handle(a, Messages.sendFile("alice", "bob", 1, "x")), List.of(new Effect.OpenTransfer(T1, 1)));
        assertEquals(f.handle(a, Messages.sendFile("alice", "bob", 2, "y")),
                List.of(new Effect.OpenTransfer(new TransferId(2), 2)));
    }

    @Test(description = "EDGE-14 send_file to yourself gets bad_request and allocates no port")
    public void sendToSelf() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.sendFile("alice", "alice", 1, "x")), List.of(reply(a, SEND_FILE_REPLY, BAD_REQUEST)));
        assertEquals(f.domain.pendingTransfers(), 0);
    }

    @Test(description = "EDGE-15 send_file to an unregistered user: offline")
    public void sendToUnknown() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.sendFile("alice", "ghost", 1, "x")),
                List.of(reply(a, SEND_FILE_REPLY, Results.OFFLINE)));
    }

    @Test(description = "EDGE-17 no relay port free: busy to the sender, nothing to the recipient")
    public void busy() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        f.handle(a, Messages.sendFile("alice", "bob", 1, "x"));
        assertEquals(f.domain.transferRejected(T1), List.of(reply(a, SEND_FILE_REPLY, BUSY)));
        assertEquals(f.domain.transferOpened(T1, 9000), List.of());
    }
}
