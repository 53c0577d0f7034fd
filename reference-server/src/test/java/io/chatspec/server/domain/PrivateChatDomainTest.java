package io.chatspec.server.domain;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.SUCCESS;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;

public class PrivateChatDomainTest {

    @Test(description = "PRIV-1 PRIV-2 PRIV-7 PRIV-8 the online recipient alone gets the same object once; the sender gets success")
    public void deliverToOnlineRecipient() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.online("carol");
        assertEquals(f.handle(a, Messages.privateChat("alice", "bob", "hello")), List.of(
                send(b, PRIVATE_CHAT, "user_from", "alice", "user_to", "bob", "text", "hello"),
                reply(a, PRIVATE_CHAT_REPLY, SUCCESS)));
    }

    @Test(description = "PRIV-3 PRIV-6 a never-logged-in recipient: offline, nothing forwarded or stored")
    public void neverLoggedIn() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.registered("bob");
        assertEquals(f.handle(a, Messages.privateChat("alice", "bob", "x")),
                List.of(reply(a, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
        SessionId b = f.connect();
        assertEquals(f.handle(b, Messages.login("bob", "pw")), List.of(reply(b, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "PRIV-4 a recipient that sent offline: offline, nothing forwarded")
    public void recipientWentOffline() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(b, Messages.offline("bob"));
        assertEquals(f.handle(a, Messages.privateChat("alice", "bob", "x")),
                List.of(reply(a, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
    }

    @Test(description = "PRIV-5 a recipient whose connection dropped: offline")
    public void recipientDropped() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.domain.disconnected(b);
        assertEquals(f.handle(a, Messages.privateChat("alice", "bob", "x")),
                List.of(reply(a, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
    }

    @Test(description = "EDGE-16 private_chat to an unregistered user: offline")
    public void unknownRecipient() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.privateChat("alice", "ghost", "x")),
                List.of(reply(a, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
    }
}
