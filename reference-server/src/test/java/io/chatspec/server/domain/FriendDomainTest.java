package io.chatspec.server.domain;

import io.chatspec.protocol.Messages;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class FriendDomainTest {

    @Test(description = "ADD-1 adding an unregistered user gets user_not_exist")
    public void addUnknown() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.add("alice", "ghost")), List.of(reply(a, ADD_REPLY, USER_NOT_EXIST)));
    }

    @Test(description = "ADD-3 ADD-4 ADD-6 success replies with the friend and tells only the online target")
    public void addOnlineTarget() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.online("carol");
        assertEquals(f.handle(a, Messages.add("alice", "bob")), List.of(
                send(a, ADD_REPLY, "result", SUCCESS, "friend", "bob"),
                send(b, ADD_FRIEND_REPLY, "result", "alice")));
    }

    @Test(description = "ADD-5 an offline target gets nothing, not even at its next login")
    public void addOfflineTarget() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.registered("bob");
        assertEquals(f.handle(a, Messages.add("alice", "bob")), List.of(
                send(a, ADD_REPLY, "result", SUCCESS, "friend", "bob")));
        SessionId b = f.connect();
        assertEquals(f.handle(b, Messages.login("bob", "pw")), List.of(
                reply(b, LOGIN_REPLY, SUCCESS), send(a, FRIEND_LOGIN, "friend", "bob")));
    }

    @Test(description = "ADD-2 ADD-7 repeating an add, or adding back, gets already_friend")
    public void alreadyFriends() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.add("alice", "bob"));
        assertEquals(f.handle(a, Messages.add("alice", "bob")), List.of(reply(a, ADD_REPLY, ALREADY_FRIEND)));
        assertEquals(f.handle(b, Messages.add("bob", "alice")), List.of(reply(b, ADD_REPLY, ALREADY_FRIEND)));
    }

    @Test(description = "ADD-8 after an add both sides are notified of each other's login and offline")
    public void friendshipWorksBothWays() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.add("alice", "bob"));
        assertEquals(f.handle(a, Messages.offline("alice")), List.of(send(b, FRIEND_OFFLINE, "friend", "alice")));
        assertEquals(f.handle(a, Messages.login("alice", "pw")), List.of(
                reply(a, LOGIN_REPLY, SUCCESS), send(b, FRIEND_LOGIN, "friend", "alice")));
        assertEquals(f.handle(b, Messages.offline("bob")), List.of(send(a, FRIEND_OFFLINE, "friend", "bob")));
        assertEquals(f.handle(b, Messages.login("bob", "pw")), List.of(
                reply(b, LOGIN_REPLY, SUCCESS), send(a, FRIEND_LOGIN, "friend", "bob")));
    }

    @Test(description = "EDGE-10 adding yourself gets bad_request and creates no friendship")
    public void addSelf() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.add("alice", "alice")), List.of(reply(a, ADD_REPLY, BAD_REQUEST)));
        assertFalse(f.store.areFriends("alice", "alice"));
        assertTrue(f.store.friendsOf("alice").isEmpty());
    }
}
