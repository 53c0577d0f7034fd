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

public class OfflineDomainTest {

    @Test(description = "OFF-1 OFF-2 OFF-3 OFF-4 OFF-5 offline: no reply, friend_offline once to each online friend only")
    public void offlineNotifiesOnlineFriends() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        SessionId c = f.online("carol");
        f.online("stranger");
        f.registered("dave");
        f.friends("alice", "bob");
        f.friends("alice", "dave");
        f.friends("alice", "carol");
        assertEquals(f.handle(a, Messages.offline("alice")), List.of(
                send(b, FRIEND_OFFLINE, "friend", "alice"), send(c, FRIEND_OFFLINE, "friend", "alice")));
        assertFalse(f.domain.isOnline("alice"));
        assertEquals(f.handle(b, Messages.privateChat("bob", "alice", "x")),
                List.of(reply(b, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
        SessionId d = f.connect();
        assertEquals(f.handle(d, Messages.login("dave", "pw")), List.of(reply(d, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "OFF-6 OFF-7 a dropped connection logs its user out and notifies online friends")
    public void dropActsLikeOffline() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.friends("alice", "bob");
        assertEquals(f.domain.disconnected(a), List.of(send(b, FRIEND_OFFLINE, "friend", "alice")));
        assertFalse(f.domain.isOnline("alice"));
    }

    @Test(description = "OFF-6 a dropped connection after offline notifies nobody a second time")
    public void dropAfterOfflineIsQuiet() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        f.friends("alice", "bob");
        f.handle(a, Messages.offline("alice"));
        assertEquals(f.domain.disconnected(a), List.of());
    }

    @Test(description = "OFF-8 after offline the user logs in again with account, friends and groups intact")
    public void reloginKeepsData() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.add("alice", "bob"));
        f.handle(a, Messages.createGroup("alice", "g"));
        f.handle(a, Messages.offline("alice"));
        SessionId a2 = f.connect();
        assertEquals(f.handle(a2, Messages.login("alice", "pw")), List.of(
                reply(a2, LOGIN_REPLY, SUCCESS), send(b, FRIEND_LOGIN, "friend", "alice")));
        assertEquals(f.handle(a2, Messages.add("alice", "bob")), List.of(reply(a2, ADD_REPLY, ALREADY_FRIEND)));
        assertEquals(f.handle(a2, Messages.addGroup("alice", "g")), List.of(reply(a2, ADD_GROUP_REPLY, USER_IN_GROUP)));
    }

    @Test(description = "SESS-4 a rejected offline gets offline_reply; the user stays online and nobody is notified")
    public void rejectedOffline() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.friends("alice", "bob");
        SessionId anon = f.connect();
        assertEquals(f.handle(anon, Messages.offline("alice")), List.of(reply(anon, OFFLINE_REPLY, NOT_LOGGED_IN)));
        assertEquals(f.handle(b, Messages.offline("alice")), List.of(reply(b, OFFLINE_REPLY, PERMISSION_DENIED)));
        assertTrue(f.domain.isOnline("alice"));
        assertEquals(f.domain.userOn(a).orElseThrow(), "alice");
    }

    @Test(description = "SESS-6 after offline the connection has no user: acting commands get not_logged_in")
    public void offlineUnbinds() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.handle(a, Messages.offline("alice"));
        assertEquals(f.handle(a, Messages.createGroup("alice", "g")), List.of(reply(a, CREATE_GROUP_REPLY, NOT_LOGGED_IN)));
        assertEquals(f.handle(a, Messages.offline("alice")), List.of(reply(a, OFFLINE_REPLY, NOT_LOGGED_IN)));
    }
}
