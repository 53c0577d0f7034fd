package io.chatspec.server.domain;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class SessionEdgeDomainTest {

    @Test(description = "EDGE-1 EDGE-4 a second login elsewhere succeeds without any friend notification")
    public void takeoverLogin() {
        DomainFixture f = new DomainFixture();
        f.online("alice");
        f.online("bob");
        f.friends("alice", "bob");
        SessionId c2 = f.connect();
        assertEquals(f.handle(c2, Messages.login("alice", "pw")), List.of(reply(c2, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "EDGE-2 EDGE-3 after a takeover everything for the user goes to the new connection only")
    public void takeoverRedirects() {
        DomainFixture f = new DomainFixture();
        SessionId c1 = f.online("alice");
        SessionId b = f.online("bob");
        f.friends("alice", "bob");
        SessionId c2 = f.connect();
        f.handle(c2, Messages.login("alice", "pw"));
        assertEquals(f.handle(b, Messages.privateChat("bob", "alice", "hi")), List.of(
                send(c2, PRIVATE_CHAT, "user_from", "bob", "user_to", "alice", "text", "hi"),
                reply(b, PRIVATE_CHAT_REPLY, SUCCESS)));
        assertEquals(f.handle(b, Messages.offline("bob")), List.of(send(c2, FRIEND_OFFLINE, "friend", "bob")));
        assertTrue(f.domain.userOn(c1).isEmpty());
    }

    @Test(description = "EDGE-5 the old connection is unbound: acting as the user there gets not_logged_in")
    public void oldConnectionUnbound() {
        DomainFixture f = new DomainFixture();
        SessionId c1 = f.online("alice");
        SessionId c2 = f.connect();
        f.handle(c2, Messages.login("alice", "pw"));
        assertEquals(f.handle(c1, Messages.createGroup("alice", "g")), List.of(reply(c1, CREATE_GROUP_REPLY, NOT_LOGGED_IN)));
        assertEquals(f.handle(c1, Messages.offline("alice")), List.of(reply(c1, OFFLINE_REPLY, NOT_LOGGED_IN)));
    }

    @Test(description = "EDGE-6 closing the old connection later leaves the user online, with no friend_offline")
    public void closingOldConnectionHarmless() {
        DomainFixture f = new DomainFixture();
        SessionId c1 = f.online("alice");
        f.online("bob");
        f.friends("alice", "bob");
        SessionId c2 = f.connect();
        f.handle(c2, Messages.login("alice", "pw"));
        assertEquals(f.domain.disconnected(c1), List.of());
        assertTrue(f.domain.isOnline("alice"));
        assertEquals(f.domain.userOn(c2).orElseThrow(), "alice");
    }

    @Test(description = "EDGE-7 EDGE-8 logging in over another user logs that user out first, with friend_offline")
    public void loginOverAnotherUser() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.online("bob");
        SessionId carol = f.online("carol");
        SessionId dave = f.online("dave");
        f.friends("bob", "carol");
        f.friends("alice", "dave");
        f.registered("alice");
        assertEquals(f.handle(s, Messages.login("alice", "pw")), List.of(
                send(carol, FRIEND_OFFLINE, "friend", "bob"),
                reply(s, LOGIN_REPLY, SUCCESS),
                send(dave, FRIEND_LOGIN, "friend", "alice")));
        assertFalse(f.domain.isOnline("bob"));
        assertEquals(f.domain.userOn(s).orElseThrow(), "alice");
        assertEquals(f.handle(carol, Messages.privateChat("carol", "bob", "x")),
                List.of(reply(carol, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
    }

    @Test(description = "EDGE-9 a failed login over another user keeps that user logged in, silently")
    public void failedLoginKeepsSession() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.online("bob");
        f.online("carol");
        f.friends("bob", "carol");
        f.registered("alice");
        assertEquals(f.handle(s, Messages.login("alice", "bad")), List.of(reply(s, LOGIN_REPLY, PASSWORD_ERROR)));
        assertEquals(f.handle(s, Messages.login("ghost", "pw")), List.of(reply(s, LOGIN_REPLY, USER_NOT_EXIST)));
        assertEquals(f.domain.userOn(s).orElseThrow(), "bob");
        assertTrue(f.domain.isOnline("bob"));
    }

    @Test(description = "LOGIN-3 logging in again on the same connection succeeds without notifying anyone")
    public void reloginSameConnection() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.online("alice");
        f.online("bob");
        f.friends("alice", "bob");
        assertEquals(f.handle(s, Messages.login("alice", "pw")), List.of(reply(s, LOGIN_REPLY, SUCCESS)));
    }
}
