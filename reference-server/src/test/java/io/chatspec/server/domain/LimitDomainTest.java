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

/**
 * The limits the domain decides itself, at their defaults: name length (LIMIT-5) and open transfers per user
 * (LIMIT-6), plus who may use a transfer's relay (LIMIT-7).
 */
public class LimitDomainTest {
    private static final int MAX = DomainLimits.DEFAULT_MAX_NAME_LENGTH;

    @Test(description = "LIMIT-5 a name of the maximum length, counted in characters, is accepted")
    public void maximumLengthAccepted() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        // Characters of three UTF-8 bytes each, and emoji of two UTF-16 units each.
        for (String name : List.of("学".repeat(MAX), "😀".repeat(MAX))) {
            assertEquals(f.handle(s, Messages.register(name, "pw")), List.of(reply(s, REGISTER_REPLY, SUCCESS)));
            assertTrue(f.store.userExists(name));
        }
    }

    @Test(description = "LIMIT-5 ERR-10 a longer name gets bad_request and is not stored")
    public void longerNameRejected() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        String name = "学".repeat(MAX) + "x";
        assertEquals(f.handle(s, Messages.register(name, "pw")), List.of(reply(s, REGISTER_REPLY, BAD_REQUEST)));
        assertFalse(f.store.userExists(name));
        assertEquals(f.handle(s, Messages.login(name, "pw")), List.of(reply(s, LOGIN_REPLY, BAD_REQUEST)));
        assertEquals(f.handle(s, Messages.getGroupMember(name)), List.of(reply(s, GET_GROUP_MEMBER_REPLY, BAD_REQUEST)));
    }

    @Test(description = "LIMIT-5 SESS-7 every name field is checked, before the session check")
    public void everyNameFieldBeforeSession() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId anon = f.connect();
        String longName = "n".repeat(MAX + 1);
        assertEquals(f.handle(a, Messages.createGroup("alice", longName)),
                List.of(reply(a, CREATE_GROUP_REPLY, BAD_REQUEST)));
        assertFalse(f.store.groupExists(longName));
        assertEquals(f.handle(a, Messages.privateChat("alice", longName, "hi")),
                List.of(reply(a, PRIVATE_CHAT_REPLY, BAD_REQUEST)));
        assertEquals(f.handle(anon, Messages.add(longName, "alice")), List.of(reply(anon, ADD_REPLY, BAD_REQUEST)));
        // Free text is not a name: a long chat text is fine.
        f.online("bob");
        assertEquals(f.handle(a, Messages.privateChat("alice", "bob", "t".repeat(1000))).size(), 2);
    }

    @Test(description = "LIMIT-6 beyond the open transfers allowed per user, send_file gets busy until one ends")
    public void transfersPerUser() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        int max = DomainLimits.DEFAULT_MAX_TRANSFERS_PER_USER;
        for (int i = 0; i < max; i++) {
            assertTrue(f.handle(a, Messages.sendFile("alice", "bob", 1, "f" + i)).get(0) instanceof Effect.OpenTransfer);
        }
        assertEquals(f.handle(a, Messages.sendFile("alice", "bob", 1, "z")), List.of(reply(a, SEND_FILE_REPLY, BUSY)));
        // Another user is not limited by alice's transfers.
        assertTrue(f.handle(b, Messages.sendFile("bob", "alice", 1, "x")).get(0) instanceof Effect.OpenTransfer);
        f.domain.transferTimedOut(new TransferId(1));
        assertTrue(f.handle(a, Messages.sendFile("alice", "bob", 1, "z")).get(0) instanceof Effect.OpenTransfer);
        f.domain.transferEnded(new TransferId(2));
        assertTrue(f.handle(a, Messages.sendFile("alice", "bob", 1, "w")).get(0) instanceof Effect.OpenTransfer);
        f.domain.transferRejected(new TransferId(3));
        assertTrue(f.handle(a, Messages.sendFile("alice", "bob", 1, "v")).get(0) instanceof Effect.OpenTransfer);
        assertEquals(f.handle(a, Messages.sendFile("alice", "bob", 1, "u")), List.of(reply(a, SEND_FILE_REPLY, BUSY)));
    }

    @Test(description = "LIMIT-7 a transfer's parties are the control connections of its sender and receiver")
    public void transferParties() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.sendFile("alice", "bob", 1, "x"));
        assertEquals(f.domain.transferParties(new TransferId(1)), List.of(a, b));
        f.domain.disconnected(b);
        assertEquals(f.domain.transferParties(new TransferId(1)), List.of(a));
        assertEquals(f.domain.transferParties(new TransferId(9)), List.of());
    }

    @Test(description = "store budget: a command that would store past it gets busy and changes nothing; the rest works")
    public void storeBudget() {
        // alice, bob (2 accounts) + a group with its creator (2) + one friendship (1) = 5 of 6
        DomainFixture f = new DomainFixture(new DomainLimits(MAX, 4, 6));
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        assertEquals(f.handle(a, Messages.createGroup("alice", "g")),
                List.of(send(a, CREATE_GROUP_REPLY, "result", SUCCESS, "group", "g")));
        assertEquals(f.handle(a, Messages.add("alice", "bob")).get(0),
                send(a, ADD_REPLY, "result", SUCCESS, "friend", "bob"));
        assertEquals(f.store.records(), 5);
        // two more records do not fit: the group is not created
        assertEquals(f.handle(a, Messages.createGroup("alice", "h")), List.of(reply(a, CREATE_GROUP_REPLY, BUSY)));
        assertFalse(f.store.groupExists("h"));
        // one does: bob joins g; then the store is full
        assertEquals(f.handle(b, Messages.addGroup("bob", "g")).size(), 1);
        assertEquals(f.store.records(), 6);
        SessionId c = f.connect();
        assertEquals(f.handle(c, Messages.register("carol", "pw")), List.of(reply(c, REGISTER_REPLY, BUSY)));
        assertFalse(f.store.userExists("carol"));
        // answers that store nothing are unchanged: a taken name, an existing group, a member joining again
        assertEquals(f.handle(c, Messages.register("alice", "pw")), List.of(reply(c, REGISTER_REPLY, FAILURE)));
        assertEquals(f.handle(a, Messages.createGroup("alice", "g")), List.of(reply(a, CREATE_GROUP_REPLY, GROUP_EXIST)));
        assertEquals(f.handle(b, Messages.addGroup("bob", "g")), List.of(reply(b, ADD_GROUP_REPLY, USER_IN_GROUP)));
        assertEquals(f.handle(a, Messages.add("alice", "bob")), List.of(reply(a, ADD_REPLY, ALREADY_FRIEND)));
        // and everything else is served: chats and member lists
        assertEquals(f.handle(a, Messages.privateChat("alice", "bob", "hi")).size(), 2);
        assertEquals(f.handle(a, Messages.getGroupMember("g")).size(), 1);
    }
}
